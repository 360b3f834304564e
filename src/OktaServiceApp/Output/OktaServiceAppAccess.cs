using OktaServiceApp.Core.Access;

namespace OktaServiceApp.PowerShell;

/// <summary>A service app's whole access in one object: scopes, roles, role targets and its share of the org rate limits.</summary>
public sealed class OktaServiceAppAccess
{
    internal OktaServiceAppAccess(AppAccess access)
    {
        ClientId = access.ClientId;
        Scope = access.Scopes.ToArray();
        Role = access.Roles.Select(r => r.Describe()).ToArray();
        Target = access.Roles.SelectMany(r => r.Targets.Select(t => $"{r.Assignment.Type} {t.Kind.ToLowerInvariant()} {t.Target}" +
            (t.Name is null ? "" : $" ({t.Name})"))).ToArray();
        RateLimitPercent = access.RateLimit?.Percent;
    }

    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>The granted scopes, sorted.</summary>
    public string[] Scope { get; }
    /// <summary>Standard role types, and custom roles as "CUSTOM role on resource-set".</summary>
    public string[] Role { get; }
    /// <summary>Role targets as "ROLE group id (name)" or "ROLE app name[/id]"; none means the roles cover every group and app.</summary>
    public string[] Target { get; }
    /// <summary>The app's share of the org rate limits in percent; null when it has none of its own.</summary>
    public int? RateLimitPercent { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ClientId}: {Scope.Length} scopes, {string.Join(", ", Role)}";
}
