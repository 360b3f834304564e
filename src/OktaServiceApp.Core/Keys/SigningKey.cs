using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// An asymmetric signing key (RSA or EC) with its JWK identity. Holds the private key in memory only;
/// nothing here writes to disk except <see cref="KeyFile"/>.
/// </summary>
/// <remarks>Creation lives in SigningKey.Generate.cs and SigningKey.Import.cs, export in SigningKey.Export.cs; this file
/// holds the key's identity, signing and lifetime.</remarks>
public sealed partial class SigningKey : IJwsSigner, IDisposable
{
    private const int MinRsaKeySize = 2048;
    private const int MaxKeyIdLength = 256;

    // Signing through one RSA/ECDsa object from several threads is not documented as safe on every platform.
    private readonly object _gate = new();
    private readonly PublicJwk _publicJwk;
    private readonly EcCurve? _curve;
    private readonly HashAlgorithmName _hash;
    private readonly bool _hasPrivateKey;
    private RSA? _rsa;
    private ECDsa? _ecdsa;
    private SignatureProvider? _signer;
    private bool _disposed;

    public static IReadOnlyList<string> SupportedAlgorithms { get; } =
        new[] { "RS256", "RS384", "RS512", "ES256", "ES384", "ES512" };

    private SigningKey(RSA? rsa, ECDsa? ecdsa, EcCurve? curve, string algorithm, string? keyId, bool hasPrivateKey)
    {
        _rsa = rsa;
        _ecdsa = ecdsa;
        _curve = curve;
        _hasPrivateKey = hasPrivateKey;
        Algorithm = algorithm;
        _hash = HashFor(algorithm);
        CreatedAt = DateTimeOffset.UtcNow;

        if (rsa is not null)
        {
            var parameters = rsa.ExportParameters(false);
            KeySize = RsaShape.ModulusBits(parameters.Modulus!);
            _publicJwk = new PublicJwk
            {
                Kty = "RSA",
                N = Base64Url.Encode(parameters.Modulus!),
                E = Base64Url.Encode(parameters.Exponent!),
            };
        }
        else
        {
            var parameters = ecdsa!.ExportParameters(false);
            KeySize = curve!.KeySize;
            _publicJwk = curve.ToPublicJwk(parameters.Q);
        }

        Thumbprint = JwkThumbprint.Compute(_publicJwk);
        KeyId = keyId ?? Thumbprint;
    }

    public string KeyId { get; }
    public string Algorithm { get; }
    /// <summary>"RSA" or "EC".</summary>
    public string KeyType => _publicJwk.Kty;
    /// <summary>RSA modulus size in bits, or the EC field size (256, 384, 521).</summary>
    public int KeySize { get; }
    /// <summary>"P-256", "P-384", "P-521" for EC keys; null for RSA.</summary>
    public string? Curve => _curve?.JwkName;
    /// <summary>RFC 7638 JWK SHA-256 thumbprint, base64url.</summary>
    public string Thumbprint { get; }
    public bool HasPrivateKey => _hasPrivateKey && !_disposed;
    /// <summary>An in-memory key with its private part can always be written out.</summary>
    public bool CanExportPrivateKey => HasPrivateKey;
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Signs a JWS: base64url(header).base64url(payload).base64url(signature), with this key's alg.
    /// The caller supplies header and payload JSON already serialised.</summary>
    public string SignCompact(string headerJson, string payloadJson)
    {
        var signingInput = Jwt.CompactJws.SigningInput(headerJson, payloadJson);
        var signature = Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Signs in memory; completes synchronously.</summary>
    public Task<byte[]> SignAsync(byte[] signingInput, CancellationToken cancellationToken)
    {
        if (signingInput is null)
        {
            throw new ArgumentNullException(nameof(signingInput));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Sign(signingInput));
    }

    /// <summary>Checks a signature made by <see cref="Sign"/>; for the import self-test and tests.</summary>
    internal bool Verify(byte[] data, byte[] signature)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _rsa is not null
                ? _rsa.VerifyData(data, signature, _hash, RSASignaturePadding.Pkcs1)
                : _ecdsa!.VerifyData(data, signature, _hash);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _signer?.Dispose();
            _signer = null;
            _rsa?.Dispose();
            _ecdsa?.Dispose();
            _rsa = null;
            _ecdsa = null;
        }
    }

    internal byte[] Sign(byte[] data)
    {
        lock (_gate)
        {
            ThrowIfCannotSign();
            // IdentityModel does the JWS signing: PKCS#1 v1.5 for RS*, IEEE P1363 (r || s) for ES*, with its own key-size rules.
            _signer ??= CreateSigner();
            return _signer.Sign(data);
        }
    }

    private SignatureProvider CreateSigner()
    {
        SecurityKey key = _rsa is not null ? new RsaSecurityKey(_rsa) : new ECDsaSecurityKey(_ecdsa!);
        // Not cached: the provider belongs to this key and is disposed with it.
        var factory = new CryptoProviderFactory { CacheSignatureProviders = false };
        return factory.CreateForSigning(key, Algorithm);
    }

    private static string NormalizeAlgorithm(string? algorithm)
    {
        var upper = algorithm?.Trim().ToUpperInvariant();
        if (upper is null || !SupportedAlgorithms.Contains(upper))
        {
            throw new KeyException(KeyProblem.UnsupportedAlgorithm,
                $"The algorithm '{DescribeAlgorithm(algorithm)}' is not supported; use one of {string.Join(", ", SupportedAlgorithms)}.");
        }

        return upper;
    }

    private static string DescribeAlgorithm(string? algorithm) =>
        algorithm is { Length: <= 16 } && algorithm.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')
            ? algorithm
            : "(unrecognised)";

    private static HashAlgorithmName HashFor(string algorithm) => algorithm.Substring(2) switch
    {
        "256" => HashAlgorithmName.SHA256,
        "384" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    /// <summary>A kid travels in JWT headers and JWKS documents, so it must be printable and of sane length.</summary>
    private static void ValidateKeyId(string? keyId)
    {
        if (keyId is null)
        {
            return;
        }

        if (keyId.Length == 0 || keyId.Trim().Length == 0)
        {
            throw new KeyException(KeyProblem.InvalidKeyId, "The key id is empty.");
        }

        if (keyId.Length > MaxKeyIdLength)
        {
            throw new KeyException(KeyProblem.InvalidKeyId, $"The key id is longer than {MaxKeyIdLength} characters.");
        }

        if (keyId.Trim().Length != keyId.Length)
        {
            throw new KeyException(KeyProblem.InvalidKeyId, "The key id starts or ends with white space.");
        }

        if (keyId.Any(char.IsControl))
        {
            throw new KeyException(KeyProblem.InvalidKeyId, "The key id contains control characters.");
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(SigningKey));
        }
    }

    private void ThrowIfCannotSign()
    {
        ThrowIfDisposed();
        if (!_hasPrivateKey)
        {
            throw new KeyException(KeyProblem.NoPrivateKey, $"The key '{KeyId}' has no private part, so it cannot sign or be exported.");
        }
    }
}
