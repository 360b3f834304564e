namespace OktaServiceApp.Core.Grants;

/// <summary>One step of a <see cref="GrantPlan"/>.</summary>
public sealed class GrantPlanItem
{
    internal GrantPlanItem(string scopeId, GrantAction action, ScopeGrant? existing)
    {
        ScopeId = scopeId;
        Action = action;
        Existing = existing;
    }

    public string ScopeId { get; }
    public GrantAction Action { get; }

    /// <summary>The grant that is already right (<see cref="GrantAction.AlreadyGranted"/>) or is to be revoked
    /// (<see cref="GrantAction.Revoke"/>); null otherwise.</summary>
    public ScopeGrant? Existing { get; }

    /// <summary>True when applying the item sends a write (a grant or a revocation).</summary>
    public bool IsChange => Action is GrantAction.Grant or GrantAction.Revoke;
}
