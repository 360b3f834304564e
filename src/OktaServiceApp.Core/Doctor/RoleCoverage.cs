using OktaServiceApp.Core.Scopes;

namespace OktaServiceApp.Core.Doctor;

/// <summary>
/// Whether a standard role plausibly covers a call, from Okta's role descriptions: a guess for advice, not Okta's permission engine.
/// Custom roles are judged by their permissions, which the doctor does not read, so they count as covering.
/// </summary>
internal static class RoleCoverage
{
    public static bool Covers(string roleType, ApiOperation call)
    {
        var path = call.PathTemplate;
        var read = call.Method is "GET" or "HEAD";
        return roleType switch
        {
            "SUPER_ADMIN" or "CUSTOM" => true,
            "ORG_ADMIN" => !path.StartsWith("/api/v1/iam", StringComparison.Ordinal) && !path.Contains("/roles"),
            "READ_ONLY_ADMIN" => read,
            "APP_ADMIN" => path.StartsWith("/api/v1/apps", StringComparison.Ordinal) || path.StartsWith("/oauth2/v1/clients", StringComparison.Ordinal),
            "USER_ADMIN" or "HELP_DESK_ADMIN" => path.StartsWith("/api/v1/users", StringComparison.Ordinal) || path.StartsWith("/api/v1/groups", StringComparison.Ordinal),
            "GROUP_MEMBERSHIP_ADMIN" => path.StartsWith("/api/v1/groups", StringComparison.Ordinal) || (read && path.StartsWith("/api/v1/users", StringComparison.Ordinal)),
            "REPORT_ADMIN" => read && (path.StartsWith("/api/v1/logs", StringComparison.Ordinal) || path.StartsWith("/api/v1/users", StringComparison.Ordinal)),
            "API_ACCESS_MANAGEMENT_ADMIN" => path.StartsWith("/api/v1/authorizationServers", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>The least standard role that covers every call: READ_ONLY_ADMIN for reads, else the one admin of their area.</summary>
    public static string Suggest(IReadOnlyList<ApiOperation> calls)
    {
        foreach (var candidate in new[] { "READ_ONLY_ADMIN", "GROUP_MEMBERSHIP_ADMIN", "USER_ADMIN", "APP_ADMIN", "ORG_ADMIN" })
        {
            if (calls.All(c => Covers(candidate, c)))
            {
                return candidate;
            }
        }

        return "SUPER_ADMIN";
    }
}
