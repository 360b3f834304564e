namespace OktaServiceApp.Core.Grants;

/// <summary>Okta management API scopes (okta-api.md §6), for tab completion and validation hints.</summary>
public static class ScopeCatalog
{
    private static readonly string[] s_all = CreateAll();

    /// <summary>The 109 management API scopes and okta.clients.read/manage/register, sorted (ordinal).</summary>
    public static IReadOnlyList<string> All => s_all;

    /// <summary>False for empty strings and strings with white space; unknown but well-formed scopes are allowed.</summary>
    public static bool IsWellFormed(string? scope)
    {
        if (scope is null || scope.Length == 0 || scope.Length > 256)
        {
            return false;
        }

        foreach (var c in scope)
        {
            // Printable ASCII without space, quote or backslash (RFC 6749 scope-token).
            if (c <= ' ' || c > '~' || c == '"' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the scope is in <see cref="All"/>.</summary>
    internal static bool IsKnown(string scope) => Array.BinarySearch(s_all, scope, StringComparer.Ordinal) >= 0;

    private static string[] CreateAll()
    {
        var all = new[]
        {
        "okta.agentPools.manage",
        "okta.agentPools.read",
        "okta.apiTokens.manage",
        "okta.apiTokens.read",
        "okta.appGrants.manage",
        "okta.appGrants.read",
        "okta.apps.interclientTrust.manage",
        "okta.apps.interclientTrust.read",
        "okta.apps.manage",
        "okta.apps.read",
        "okta.authenticators.manage",
        "okta.authenticators.read",
        "okta.authorizationServers.manage",
        "okta.authorizationServers.read",
        "okta.behaviors.manage",
        "okta.behaviors.read",
        "okta.botProtection.manage",
        "okta.botProtection.read",
        "okta.brands.manage",
        "okta.brands.read",
        "okta.captchas.manage",
        "okta.captchas.read",
        "okta.clients.manage",
        "okta.clients.read",
        "okta.clients.register",
        "okta.customTelephonyProvider.manage",
        "okta.customTelephonyProvider.read",
        "okta.deviceAssurance.manage",
        "okta.deviceAssurance.read",
        "okta.deviceIntegrations.manage",
        "okta.deviceIntegrations.read",
        "okta.devicePostureChecks.manage",
        "okta.devicePostureChecks.read",
        "okta.devices.manage",
        "okta.devices.read",
        "okta.directories.groups.manage",
        "okta.directories.groups.read",
        "okta.domains.manage",
        "okta.domains.read",
        "okta.dr.manage",
        "okta.dr.read",
        "okta.emailDomains.manage",
        "okta.emailDomains.read",
        "okta.emailServers.manage",
        "okta.emailServers.read",
        "okta.eventHooks.manage",
        "okta.eventHooks.read",
        "okta.features.manage",
        "okta.features.read",
        "okta.groups.manage",
        "okta.groups.read",
        "okta.identitySources.manage",
        "okta.identitySources.read",
        "okta.idps.manage",
        "okta.idps.read",
        "okta.inlineHooks.manage",
        "okta.inlineHooks.read",
        "okta.linkedObjects.manage",
        "okta.linkedObjects.read",
        "okta.logStreams.manage",
        "okta.logStreams.read",
        "okta.logs.read",
        "okta.networkZones.manage",
        "okta.networkZones.read",
        "okta.oauthIntegrations.manage",
        "okta.oauthIntegrations.read",
        "okta.orgs.manage",
        "okta.orgs.read",
        "okta.personal.adminSettings.manage",
        "okta.personal.adminSettings.read",
        "okta.policies.manage",
        "okta.policies.read",
        "okta.principalRateLimits.manage",
        "okta.principalRateLimits.read",
        "okta.profileMappings.manage",
        "okta.profileMappings.read",
        "okta.pushProviders.manage",
        "okta.pushProviders.read",
        "okta.rateLimits.manage",
        "okta.rateLimits.read",
        "okta.realmAssignments.manage",
        "okta.realmAssignments.read",
        "okta.realms.manage",
        "okta.realms.read",
        "okta.roles.manage",
        "okta.roles.read",
        "okta.schemas.manage",
        "okta.schemas.read",
        "okta.securityEventsProviders.manage",
        "okta.securityEventsProviders.read",
        "okta.serviceAccounts.manage",
        "okta.serviceAccounts.okta.manage",
        "okta.serviceAccounts.okta.read",
        "okta.serviceAccounts.read",
        "okta.sessions.manage",
        "okta.sessions.read",
        "okta.templates.manage",
        "okta.templates.read",
        "okta.threatInsights.manage",
        "okta.threatInsights.read",
        "okta.trustedOrigins.manage",
        "okta.trustedOrigins.read",
        "okta.uischemas.manage",
        "okta.uischemas.read",
        "okta.userRisk.manage",
        "okta.userRisk.read",
        "okta.userTypes.manage",
        "okta.userTypes.read",
        "okta.users.manage",
        "okta.users.read",
        "ssf.manage",
        "ssf.read",
        };
        Array.Sort(all, StringComparer.Ordinal);
        return all;
    }
}
