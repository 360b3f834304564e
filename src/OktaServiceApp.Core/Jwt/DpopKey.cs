namespace OktaServiceApp.Core.Jwt;

/// <summary>
/// An ephemeral DPoP key (ES256). One key lives as long as the token bound to it; every proof has a fresh jti.
/// </summary>
public sealed class DpopKey : IDisposable
{
    public static DpopKey Create() => throw new NotImplementedException();

    /// <summary>RFC 7638 thumbprint of the public key (the token's cnf.jkt).</summary>
    public string Thumbprint => throw new NotImplementedException();

    /// <summary>Header typ=dpop+jwt, alg, jwk (public, as a JSON object). Claims htm (upper case), htu (no query or
    /// fragment), iat, jti, and nonce / ath (base64url SHA-256 of the access token) when given.</summary>
    public string CreateProof(string method, Uri url, string? nonce = null, string? accessToken = null,
        DateTimeOffset? now = null) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
