namespace OktaServiceApp.Core.Keys;

/// <summary>
/// A private key that signs JWS: held in memory (<see cref="SigningKey"/>), inside a certificate's key store, or in a remote
/// service. Callers see only its public identity and signatures, so a key that may never leave its store works the same way.
/// </summary>
public interface IJwsSigner
{
    /// <summary>The kid put in JWT headers and registered with Okta.</summary>
    string KeyId { get; }

    /// <summary>RS256, RS384, RS512, ES256, ES384 or ES512.</summary>
    string Algorithm { get; }

    /// <summary>"RSA" or "EC".</summary>
    string KeyType { get; }

    /// <summary>RFC 7638 JWK SHA-256 thumbprint of the public key, base64url: the identity token caches key on.</summary>
    string Thumbprint { get; }

    /// <summary>False when the private key cannot be written out (a certificate store or remote key).</summary>
    bool CanExportPrivateKey { get; }

    /// <summary>The public key to register with Okta.</summary>
    PublicJwk ToPublicJwk();

    /// <summary>The JWS signature of <paramref name="signingInput"/>: PKCS#1 v1.5 for RS*, IEEE P1363 (R‖S) for ES*.</summary>
    Task<byte[]> SignAsync(byte[] signingInput, CancellationToken cancellationToken);
}
