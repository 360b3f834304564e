namespace OktaServiceApp.Core.Grants;

/// <summary>How one <see cref="GrantPlanItem"/> ended.</summary>
public sealed class GrantItemResult
{
    internal GrantItemResult(GrantPlanItem item, ScopeGrant? grant, Exception? error, bool declined)
    {
        Item = item;
        Grant = grant;
        Error = error;
        Declined = declined;
    }

    public GrantPlanItem Item { get; }

    /// <summary>The grant the app now holds (already granted or just granted), or the revoked grant; null for a failed grant,
    /// a declined change or a scope that was not granted.</summary>
    public ScopeGrant? Grant { get; }

    /// <summary>Why the item failed (an OktaApiException for an Okta error); the other items went on.</summary>
    public Exception? Error { get; }

    /// <summary>True when the caller's approval (-WhatIf, -Confirm) said no: nothing was sent for it.</summary>
    public bool Declined { get; }

    public bool Succeeded => Error is null && !Declined;
}
