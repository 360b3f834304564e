namespace OktaServiceApp.Core.Grants;

/// <summary>What a plan does about one scope (or one grant, for a revocation).</summary>
public enum GrantAction
{
    /// <summary>An active grant by the issuer exists; nothing is sent.</summary>
    AlreadyGranted,

    /// <summary>POST a grant.</summary>
    Grant,

    /// <summary>DELETE this active grant.</summary>
    Revoke,

    /// <summary>A scope to revoke that has no active grant by the issuer; nothing is sent.</summary>
    NotGranted,
}
