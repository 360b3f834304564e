using OktaEmulator.Grants;
using OktaEmulator.State;

namespace OktaEmulator.Token;

/// <summary>
/// Checks the requested scopes against the client's ACTIVE grants. Stricter than Okta may be (okta-api.md §4.4
/// suggests a partly granted request could be silently down-scoped): any ungranted scope is refused, so a module
/// that asks for more than it granted finds out here.
/// </summary>
internal static class ScopeRequest
{
    private static readonly string[] OidcScopes = ["openid", "profile", "email", "address", "phone", "groups", "offline_access", "device_sso"];

    /// <summary>Only grants by the org's issuer count: this is the org authorization server.</summary>
    public static (string[]? Scopes, TokenError? Error) Check(string scopeParameter, AppRecord client, string orgUrl)
    {
        var requested = scopeParameter.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (requested.Length == 0)
        {
            return Fail("invalid_scope", "No scopes were requested.");
        }

        if (requested.Contains("openid"))
        {
            return Fail("invalid_scope", "Cannot request 'openid' scopes using client credentials.");
        }

        if (requested.Any(s => s.EndsWith(".self", StringComparison.Ordinal)))
        {
            return Fail("client_credentials_self_scope_requested", "The 'client_credentials' grant type may not request .self scopes.");
        }

        var granted = client.Grants.Where(g => g.Status == "ACTIVE" && GrantIssuerRule.IsOrgGrant(orgUrl, g.Issuer))
            .Select(g => g.ScopeId).ToHashSet(StringComparer.Ordinal);
        if (requested.Any(s => OidcScopes.Contains(s) || !ScopeCatalog.Contains(s)))
        {
            return Fail("invalid_scope", InvalidScope);
        }

        if (!requested.Any(granted.Contains))
        {
            return Fail("consent_required", "You are not allowed any of the requested scopes.");
        }

        return requested.All(granted.Contains) ? (requested, null) : Fail("invalid_scope", InvalidScope);
    }

    private const string InvalidScope = "The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.";

    private static (string[]?, TokenError?) Fail(string error, string description) =>
        (null, new TokenError(StatusCodes.Status400BadRequest, error, description));
}
