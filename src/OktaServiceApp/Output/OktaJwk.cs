using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.PowerShell;

/// <summary>
/// One public JSON Web Key. Property names are the JWK member names, so ConvertTo-Json gives a valid JWK.
/// There is no property for a private member.
/// </summary>
public sealed class OktaJwk
{
    internal OktaJwk(PublicJwk jwk)
    {
        kty = jwk.Kty;
        kid = jwk.Kid;
        alg = jwk.Alg;
        use = jwk.Use;
        n = jwk.N;
        e = jwk.E;
        crv = jwk.Crv;
        x = jwk.X;
        y = jwk.Y;
    }

#pragma warning disable IDE1006 // JWK member names, on purpose.
    /// <summary>Key type: RSA or EC.</summary>
    public string kty { get; }
    /// <summary>Key id.</summary>
    public string? kid { get; }
    /// <summary>Algorithm.</summary>
    public string? alg { get; }
    /// <summary>Public key use (sig).</summary>
    public string? use { get; }
    /// <summary>RSA modulus.</summary>
    public string? n { get; }
    /// <summary>RSA public exponent.</summary>
    public string? e { get; }
    /// <summary>EC curve.</summary>
    public string? crv { get; }
    /// <summary>EC x coordinate.</summary>
    public string? x { get; }
    /// <summary>EC y coordinate.</summary>
    public string? y { get; }
#pragma warning restore IDE1006

    /// <inheritdoc />
    public override string ToString() => $"{kty} {kid}";
}
