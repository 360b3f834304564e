using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;

namespace OktaServiceApp.PowerShell;

/// <summary>
/// A signing key pair made or imported in this session, and its public JWKS. The private key stays in memory, inside this
/// object, until Export-OktaPrivateKey writes it; no property, ToString or ToJson reveals it.
/// </summary>
public sealed class OktaJwks
{
    internal OktaJwks(SigningKey key)
    {
        SigningKey = key;
        Signer = key;
        CanExportPrivateKey = key.CanExportPrivateKey;
        KeyId = key.KeyId;
        Algorithm = key.Algorithm;
        KeyType = key.KeyType;
        KeySize = key.KeyType == "RSA" ? key.KeySize : null;
        Curve = key.Curve;
        Thumbprint = key.Thumbprint;
        CreatedAt = key.CreatedAt;
        HasPrivateKey = key.HasPrivateKey;
        Keys = new[] { new OktaJwk(key.ToPublicJwk()) };
    }

    /// <summary>A key that signs in Azure Key Vault: only its public half is here, and it cannot be exported.</summary>
    internal OktaJwks(KeyVaultSigner signer)
    {
        Signer = signer;
        KeyVaultKeyId = signer.VaultKeyId;
        KeyId = signer.KeyId;
        Algorithm = signer.Algorithm;
        KeyType = signer.KeyType;
        var jwk = signer.ToPublicJwk();
        KeySize = signer.KeyType == "RSA" ? JwsSigners.KeySizeOf(jwk) : null;
        Curve = jwk.Crv;
        Thumbprint = signer.Thumbprint;
        CreatedAt = DateTimeOffset.UtcNow;
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
    /// <summary>True when this session holds the private key.</summary>
    public bool HasPrivateKey { get; }
    /// <summary>The public JWKs (public members only).</summary>
    public OktaJwk[] Keys { get; }
    /// <summary>False for a key whose private part stays in its store (Azure Key Vault).</summary>
    public bool CanExportPrivateKey { get; }
    /// <summary>The Key Vault key, with its version, that signs for this object; empty for a key held in this session.</summary>
    public string? KeyVaultKeyId { get; }

    /// <summary>The key held in this session; null for a key that signs elsewhere.</summary>
    internal SigningKey? SigningKey { get; }

    /// <summary>Whatever signs with this key.</summary>
    internal IJwsSigner Signer { get; }

    /// <summary>The public JWKS document: {"keys":[...]}.</summary>
    public string ToJson() => JwsSigners.ToPublicJwksJson(Signer);

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm} {KeyId}";
}
