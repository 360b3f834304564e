namespace OktaServiceApp.Core.Grants;

/// <summary>A plan and how each of its items ended, in the plan's order.</summary>
public sealed class GrantReconciliation
{
    internal GrantReconciliation(GrantPlan plan, IReadOnlyList<GrantItemResult> results)
    {
        Plan = plan;
        Results = results;
    }

    public GrantPlan Plan { get; }
    public IReadOnlyList<GrantItemResult> Results { get; }

    /// <summary>The grants of the desired scopes the app holds now (already there or just made), in plan order.</summary>
    public IEnumerable<ScopeGrant> Held => Results
        .Where(r => r.Grant is not null && r.Item.Action is GrantAction.AlreadyGranted or GrantAction.Grant)
        .Select(r => r.Grant!);
}
