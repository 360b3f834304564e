namespace OktaServiceApp.Core.Access;

/// <summary>
/// What a service app's access should be. A null member is left as it is; a given one is the complete set: -Scope is every scope,
/// -Role with the custom role is every role, the targets are every target of the roles that take them.
/// </summary>
public sealed class DesiredAccess
{
    public string ClientId { get; init; } = "";
    /// <summary>The grants' issuer: the org URL without a trailing slash.</summary>
    public string Issuer { get; init; } = "";
    public IReadOnlyList<string>? Scopes { get; init; }
    /// <summary>Standard role types, such as READ_ONLY_ADMIN.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
    /// <summary>A custom role's id or label; needs <see cref="ResourceSet"/>.</summary>
    public string? CustomRole { get; init; }
    /// <summary>A resource set's id or label; needs <see cref="CustomRole"/>.</summary>
    public string? ResourceSet { get; init; }
    /// <summary>Group ids, for the roles that take group targets.</summary>
    public IReadOnlyList<string>? GroupTargets { get; init; }
    /// <summary>"appName" or "appName/appId", for APP_ADMIN.</summary>
    public IReadOnlyList<string>? AppTargets { get; init; }
    /// <summary>The app's share of the org rate limits, 0–100.</summary>
    public int? RateLimitPercent { get; init; }

    internal bool ManagesRoles => Roles is not null || CustomRole is not null || ResourceSet is not null;
}
