namespace OktaServiceApp.Core.Keys;

/// <summary>
/// An asymmetric signing key (RSA or EC) with its JWK identity. Holds the private key in memory only;
/// nothing here writes to disk except <see cref="KeyFile"/>.
/// </summary>
public sealed class SigningKey : IDisposable
{
    public static IReadOnlyList<string> SupportedAlgorithms { get; } =
        new[] { "RS256", "RS384", "RS512", "ES256", "ES384", "ES512" };

    /// <summary>Makes a new key. RSA defaults to 2048 bits; EC curves follow the algorithm (ES256 = P-256 ...).
    /// The default kid is the RFC 7638 thumbprint.</summary>
    public static SigningKey Generate(string algorithm = "RS256", int? keySize = null, string? keyId = null) =>
        throw new NotImplementedException();

    /// <summary>Reads PKCS#8, PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) PEM, or a private JWK JSON.
    /// Encrypted PKCS#8 PEM is read when <paramref name="password"/> is given.</summary>
    public static SigningKey Import(string text, string? password = null, string? keyId = null) =>
        throw new NotImplementedException();

    public string KeyId => throw new NotImplementedException();
    public string Algorithm => throw new NotImplementedException();
    /// <summary>"RSA" or "EC".</summary>
    public string KeyType => throw new NotImplementedException();
    /// <summary>RSA modulus size in bits, or the EC field size (256, 384, 521).</summary>
    public int KeySize => throw new NotImplementedException();
    /// <summary>"P-256", "P-384", "P-521" for EC keys; null for RSA.</summary>
    public string? Curve => throw new NotImplementedException();
    /// <summary>RFC 7638 JWK SHA-256 thumbprint, base64url.</summary>
    public string Thumbprint => throw new NotImplementedException();
    public bool HasPrivateKey => throw new NotImplementedException();
    public DateTimeOffset CreatedAt => throw new NotImplementedException();

    /// <summary>kty, kid, alg, use=sig, and n/e or crv/x/y. Never a private member.</summary>
    public PublicJwk ToPublicJwk() => throw new NotImplementedException();

    /// <summary>The public JWKS document {"keys":[...]}.</summary>
    public string ToPublicJwksJson() => throw new NotImplementedException();

    /// <summary>PKCS#8 "-----BEGIN PRIVATE KEY-----" PEM.</summary>
    public string ExportPkcs8Pem() => throw new NotImplementedException();

    /// <summary>The private JWK JSON, with kid and alg.</summary>
    public string ExportPrivateJwk() => throw new NotImplementedException();

    /// <summary>Signs a JWS: base64url(header).base64url(payload).base64url(signature), with this key's alg.
    /// The caller supplies header and payload JSON already serialised.</summary>
    public string SignCompact(string headerJson, string payloadJson) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
