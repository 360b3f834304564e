using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;

namespace OktaServiceApp.PowerShell;

/// <summary>
/// A signing key pair made or imported in this session, a certificate's key or an Azure Key Vault key, and its public JWKS.
/// An in-memory private key stays inside this object until Export-OktaPrivateKey writes it; a certificate's or a vault key
/// stays in its store and cannot be written out at all. No property, ToString or ToJson reveals a private key.
/// </summary>
public sealed class OktaJwks
{
    internal OktaJwks(SigningKey key)
        : this(key, key.CreatedAt, key.HasPrivateKey)
    {
    }

    internal OktaJwks(CertificateSigner certificate)
        : this(certificate, DateTimeOffset.UtcNow, certificate.HasPrivateKey)
    {
        CertificateThumbprint = certificate.CertificateThumbprint;
        CertificateSubject = certificate.Subject;
    }

    /// <summary>A key that signs in Azure Key Vault: only its public half is here, and it cannot be exported.</summary>
    internal OktaJwks(KeyVaultSigner signer)
        : this(signer, DateTimeOffset.UtcNow, hasPrivateKey: true)
    {
        KeyVaultKeyId = signer.VaultKeyId;
    }

    // What every signer tells of itself through its public key; the constructors above add what only their kind knows.
    private OktaJwks(IJwsSigner signer, DateTimeOffset createdAt, bool hasPrivateKey)
    {
        Signer = signer;
        KeyId = signer.KeyId;
        Algorithm = signer.Algorithm;
        KeyType = signer.KeyType;
        var jwk = signer.ToPublicJwk();
        KeySize = signer.KeyType == "RSA" ? JwsSigners.KeySizeOf(jwk) : null;
        Curve = jwk.Crv;
        Thumbprint = signer.Thumbprint;
        CreatedAt = createdAt;
        HasPrivateKey = hasPrivateKey;
        CanExportPrivateKey = signer.CanExportPrivateKey;
        Keys = new[] { new OktaJwk(jwk) };
    }

    /// <summary>The key id (kid); by default the RFC 7638 thumbprint.</summary>
    public string KeyId { get; }
    /// <summary>The JWS algorithm: RS256, RS384, RS512, ES256, ES384 or ES512.</summary>
    public string Algorithm { get; }
    /// <summary>RSA or EC.</summary>
    public string KeyType { get; }
    /// <summary>RSA modulus size in bits; empty for EC keys.</summary>
    public int? KeySize { get; }
    /// <summary>EC curve (P-256, P-384, P-521); empty for RSA keys.</summary>
    public string? Curve { get; }
    /// <summary>RFC 7638 JWK SHA-256 thumbprint, base64url.</summary>
    public string Thumbprint { get; }
    /// <summary>When the key was made or imported.</summary>
    public DateTimeOffset CreatedAt { get; }
    /// <summary>True when this session can sign with the key (in memory, through its certificate store, or in Key Vault).</summary>
    public bool HasPrivateKey { get; }
    /// <summary>True when Export-OktaPrivateKey can write the private key; false for a certificate's or a Key Vault key.</summary>
    public bool CanExportPrivateKey { get; }
    /// <summary>The certificate's SHA-1 thumbprint when the key is a certificate's; empty otherwise.</summary>
    public string? CertificateThumbprint { get; }
    /// <summary>The certificate's subject when the key is a certificate's; empty otherwise.</summary>
    public string? CertificateSubject { get; }
    /// <summary>The public JWKs (public members only).</summary>
    public OktaJwk[] Keys { get; }
    /// <summary>The Key Vault key, with its version, that signs for this object; empty for a key held in this session.</summary>
    public string? KeyVaultKeyId { get; }

    /// <summary>What signs: the in-memory key, the certificate or the Key Vault key. Only KeyExport.Exportable gives the key
    /// to write out.</summary>
    internal IJwsSigner Signer { get; }

    /// <summary>The public JWKS document: {"keys":[...]}.</summary>
    public string ToJson() => PublicJwks.ToJson(Signer);

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm} {KeyId}";
}
