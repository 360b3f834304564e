using OktaServiceApp.Core.RateLimits;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.Core.Access;

/// <summary>A service app's whole access as the org holds it: granted scopes, roles with their targets, rate-limit share.</summary>
public sealed class AppAccess
{
    public string ClientId { get; init; } = "";
    /// <summary>ACTIVE grants, scope ids sorted; with the grant ids for revoking.</summary>
    public IReadOnlyList<(string ScopeId, string GrantId)> Grants { get; init; } = Array.Empty<(string, string)>();
    public IReadOnlyList<AccessRole> Roles { get; init; } = Array.Empty<AccessRole>();
    public PrincipalRateLimit? RateLimit { get; init; }

    public IReadOnlyList<string> Scopes => Grants.Select(g => g.ScopeId).ToList();
}

/// <summary>One role of the app, with its targets (empty: every group and app) and, for CUSTOM, the labels of its role and set.</summary>
public sealed class AccessRole
{
    public RoleAssignment Assignment { get; init; } = new();
    public IReadOnlyList<RoleTarget> Targets { get; init; } = Array.Empty<RoleTarget>();
    public string? CustomRoleLabel { get; init; }
    public string? ResourceSetLabel { get; init; }

    /// <summary>"READ_ONLY_ADMIN", or "CUSTOM UserReader on SF-IT" for a custom role.</summary>
    public string Describe() => Assignment.IsCustom
        ? $"CUSTOM {CustomRoleLabel ?? Assignment.CustomRoleId} on {ResourceSetLabel ?? Assignment.ResourceSetId}"
        : Assignment.Type;
}
