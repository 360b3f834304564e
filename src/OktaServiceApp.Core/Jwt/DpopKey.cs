using System.Security.Cryptography;
using System.Text;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Jwt;

/// <summary>
/// An ephemeral DPoP key (ES256). One key lives as long as the token bound to it; every proof has a fresh jti.
/// </summary>
public sealed class DpopKey : IDisposable
{
    private readonly SigningKey _key;
    private readonly PublicJwk _jwk;

    private DpopKey(SigningKey key)
    {
        _key = key;
        _jwk = key.ToPublicJwk();
    }

    // ES256 rather than the SDKs' RSA-2048: generation takes microseconds instead of up to a second, and proofs are smaller.
    public static DpopKey Create() => new(SigningKey.Generate("ES256"));

    /// <summary>RFC 7638 thumbprint of the public key (the token's cnf.jkt).</summary>
    public string Thumbprint => _key.Thumbprint;

    /// <summary>Header typ=dpop+jwt, alg, jwk (public, as a JSON object). Claims htm (upper case), htu (no query or
    /// fragment), iat, jti, and nonce / ath (base64url SHA-256 of the access token) when given.</summary>
    public string CreateProof(string method, Uri url, string? nonce = null, string? accessToken = null,
        DateTimeOffset? now = null)
    {
        if (method is null)
        {
            throw new ArgumentNullException(nameof(method));
        }

        if (url is null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        var htm = method.Trim().ToUpperInvariant();
        if (htm.Length == 0)
        {
            throw new ArgumentException("The HTTP method must not be empty.", nameof(method));
        }

        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The DPoP htu needs an absolute URL.", nameof(url));
        }

        // Okta compares htu with the URL it decoded; Uri's own path form (expanded dot segments, no re-encoding) matches.
        var htu = url.GetLeftPart(UriPartial.Path);
        var header = JwtJson.Write(w =>
        {
            w.WriteString("typ", "dpop+jwt");
            w.WriteString("alg", _key.Algorithm);
            w.WriteStartObject("jwk");
            w.WriteString("kty", _jwk.Kty);
            w.WriteString("crv", _jwk.Crv);
            w.WriteString("x", _jwk.X);
            w.WriteString("y", _jwk.Y);
            w.WriteEndObject();
        });
        var payload = JwtJson.Write(w =>
        {
            w.WriteString("htm", htm);
            w.WriteString("htu", htu);
            w.WriteNumber("iat", JwtJson.ToUnixSeconds(now));
            w.WriteString("jti", JwtJson.NewJti());
            if (!string.IsNullOrEmpty(nonce))
            {
                w.WriteString("nonce", nonce);
            }

            if (!string.IsNullOrEmpty(accessToken))
            {
                w.WriteString("ath", AccessTokenHash(accessToken!));
            }
        });
        return _key.SignCompact(header, payload);
    }

    public void Dispose() => _key.Dispose();

    internal static string AccessTokenHash(string accessToken)
    {
        using var sha256 = SHA256.Create();
        return Base64Url.Encode(sha256.ComputeHash(Encoding.ASCII.GetBytes(accessToken)));
    }
}
