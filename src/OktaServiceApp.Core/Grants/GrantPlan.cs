namespace OktaServiceApp.Core.Grants;

/// <summary>
/// What reconciling an app's grants with the desired scopes takes, decided from one read of its grants with one match
/// (<see cref="ScopeGrant.IsActiveGrantOf"/>): only grants by the plan's issuer count, so a grant of the same scope by another
/// authorization server is neither "already granted" nor revoked.
/// </summary>
public sealed class GrantPlan
{
    private GrantPlan(string clientId, string issuer, GrantMode mode, IReadOnlyList<GrantPlanItem> items)
    {
        ClientId = clientId;
        Issuer = issuer;
        Mode = mode;
        Items = items;
    }

    public string ClientId { get; }

    /// <summary>The issuer, without a trailing slash.</summary>
    public string Issuer { get; }

    public GrantMode Mode { get; }

    /// <summary>In the order of the desired scopes (first occurrence; for <see cref="GrantMode.Exactly"/>, sorted), then, for
    /// <see cref="GrantMode.Exactly"/>, the revocations of extra grants.</summary>
    public IReadOnlyList<GrantPlanItem> Items { get; }

    /// <summary>The items that send a write.</summary>
    public IEnumerable<GrantPlanItem> Changes => Items.Where(item => item.IsChange);

    /// <summary>Plans from the grants as read; no request. Scopes must be well-formed (the caller checks them first).</summary>
    public static GrantPlan Create(string clientId, IEnumerable<string> scopes, string issuer, GrantMode mode,
        IReadOnlyList<ScopeGrant> existing)
    {
        if (scopes is null)
        {
            throw new ArgumentNullException(nameof(scopes));
        }

        if (existing is null)
        {
            throw new ArgumentNullException(nameof(existing));
        }

        var id = Http.UnknownOutcome.RequireId(clientId, nameof(clientId));
        var normalizedIssuer = Http.UnknownOutcome.RequireId(issuer, nameof(issuer)).TrimEnd('/');
        var desired = scopes.Distinct(StringComparer.Ordinal).ToList();
        if (mode == GrantMode.Exactly)
        {
            desired.Sort(StringComparer.Ordinal);
        }

        var items = new List<GrantPlanItem>();
        foreach (var scope in desired)
        {
            var active = existing.Where(g => g.IsActiveGrantOf(scope, normalizedIssuer)).ToList();
            if (mode == GrantMode.Revoke)
            {
                items.AddRange(active.Count == 0
                    ? new[] { new GrantPlanItem(scope, GrantAction.NotGranted, null) }
                    : active.Select(grant => new GrantPlanItem(scope, GrantAction.Revoke, grant)));
            }
            else
            {
                items.Add(active.Count == 0
                    ? new GrantPlanItem(scope, GrantAction.Grant, null)
                    : new GrantPlanItem(scope, GrantAction.AlreadyGranted, active[0]));
            }
        }

        if (mode == GrantMode.Exactly)
        {
            var wanted = new HashSet<string>(desired, StringComparer.Ordinal);
            items.AddRange(existing
                .Where(g => !wanted.Contains(g.ScopeId) && g.IsActiveGrantOf(g.ScopeId, normalizedIssuer))
                .Select(g => new GrantPlanItem(g.ScopeId, GrantAction.Revoke, g)));
        }

        return new GrantPlan(id, normalizedIssuer, mode, items);
    }

    /// <summary>"2 scope(s) to grant, 1 to revoke, 3 already right", for verbose output.</summary>
    public string Summary() =>
        $"{Count(GrantAction.Grant)} scope(s) to grant, {Count(GrantAction.Revoke)} to revoke, " +
        $"{Count(GrantAction.AlreadyGranted)} already right" +
        (Mode == GrantMode.Revoke ? $", {Count(GrantAction.NotGranted)} not granted" : "");

    private int Count(GrantAction action) => Items.Count(item => item.Action == action);
}
