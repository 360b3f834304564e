namespace OktaServiceApp.Core.Grants;

/// <summary>What a <see cref="GrantReconciler"/> makes of the desired scopes.</summary>
public enum GrantMode
{
    /// <summary>Each scope is granted; grants of other scopes stay (Grant-OktaScope).</summary>
    Ensure,

    /// <summary>The app's grants by the issuer become exactly these scopes: missing ones granted, extra ones revoked
    /// (Set-OktaScopeGrant).</summary>
    Exactly,

    /// <summary>Each scope is revoked; a scope that is not granted is already revoked (Revoke-OktaScope).</summary>
    Revoke,
}
