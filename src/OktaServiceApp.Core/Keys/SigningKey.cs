using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// An asymmetric signing key (RSA or EC) with its JWK identity. Holds the private key in memory only;
/// nothing here writes to disk except <see cref="KeyFile"/>.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private const int DefaultRsaKeySize = 2048;
    private const int MinRsaKeySize = 2048;
    private const int MaxImportedRsaKeySize = 16384;
    private const int MaxKeyIdLength = 256;
    private static readonly int[] s_allowedRsaKeySizes = { 2048, 3072, 4096 };
    private static readonly byte[] s_selfTestMessage = Encoding.ASCII.GetBytes("OktaServiceApp key self-test");

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
            _publicJwk = new PublicJwk
            {
                Kty = "EC",
                Crv = curve.JwkName,
                X = Base64Url.Encode(BigEndian.PadTo(parameters.Q.X!, curve.CoordinateSize)!),
                Y = Base64Url.Encode(BigEndian.PadTo(parameters.Q.Y!, curve.CoordinateSize)!),
            };
        }

        Thumbprint = JwkThumbprint.Compute(_publicJwk);
        KeyId = keyId ?? Thumbprint;
    }

    /// <summary>Makes a new key. RSA defaults to 2048 bits; EC curves follow the algorithm (ES256 = P-256 ...).
    /// The default kid is the RFC 7638 thumbprint.</summary>
    public static SigningKey Generate(string algorithm = "RS256", int? keySize = null, string? keyId = null)
    {
        var alg = NormalizeAlgorithm(algorithm);
        ValidateKeyId(keyId);
        if (alg.StartsWith("RS", StringComparison.Ordinal))
        {
            var size = keySize ?? DefaultRsaKeySize;
            if (size < MinRsaKeySize)
            {
                throw new KeyException(KeyProblem.KeySizeTooSmall,
                    $"RSA keys must be at least {MinRsaKeySize} bits; {size} was asked for.");
            }

            if (!s_allowedRsaKeySizes.Contains(size))
            {
                throw new KeyException(KeyProblem.KeySizeNotAllowed,
                    $"RSA key size {size} is not allowed; use 2048, 3072 or 4096.");
            }

            return new SigningKey(CreateRsa(size), null, null, alg, keyId, hasPrivateKey: true);
        }

        if (keySize is not null)
        {
            throw new KeyException(KeyProblem.KeySizeWithEllipticCurve,
                $"A key size cannot be given for {alg}: the curve fixes it. Leave the key size out.");
        }

        var curve = EcCurve.FromAlgorithm(alg)!;
        return new SigningKey(null, ECDsa.Create(curve.ToECCurve()), curve, alg, keyId, hasPrivateKey: true);
    }

    /// <summary>Reads PKCS#8, PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) PEM, or a private JWK JSON.
    /// Encrypted PKCS#8 PEM is read when <paramref name="password"/> is given.</summary>
    public static SigningKey Import(string text, string? password = null, string? keyId = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        ValidateKeyId(keyId);
        var material = KeyReader.Read(text, password);
        try
        {
            return FromMaterial(material, keyId);
        }
        finally
        {
            material.Clear();
        }
    }

    /// <summary>A key that can only name and verify, never sign: for thumbprints of registered public keys and tests.</summary>
    internal static SigningKey ImportPublicJwk(PublicJwk jwk, string? keyId = null)
    {
        switch (jwk.Kty)
        {
            case "RSA":
            {
                var parameters = RsaShape.Normalize(Base64Url.Decode(jwk.N ?? ""), Base64Url.Decode(jwk.E ?? "")) ??
                    throw new KeyException(KeyProblem.UnknownFormat, "The RSA JWK has no usable 'n' and 'e'.");
                var rsa = RSA.Create();
                rsa.ImportParameters(parameters);
                return new SigningKey(rsa, null, null, NormalizeAlgorithm(jwk.Alg ?? "RS256"), keyId ?? jwk.Kid,
                    hasPrivateKey: false);
            }

            case "EC":
            {
                var curve = EcCurve.FromJwkName(jwk.Crv) ??
                    throw new KeyException(KeyProblem.UnsupportedCurve, "The JWK curve is not supported.");
                var q = new ECPoint { X = Base64Url.Decode(jwk.X ?? ""), Y = Base64Url.Decode(jwk.Y ?? "") };
                var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.ToECCurve(), Q = q });
                return new SigningKey(null, ecdsa, curve, curve.Algorithm, keyId ?? jwk.Kid, hasPrivateKey: false);
            }

            default:
                throw new KeyException(KeyProblem.UnsupportedKeyType, "Only RSA and EC JWKs are supported.");
        }
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
    public DateTimeOffset CreatedAt { get; }

    /// <summary>kty, kid, alg, use=sig, and n/e or crv/x/y. Never a private member.</summary>
    public PublicJwk ToPublicJwk() => new()
    {
        Kty = _publicJwk.Kty,
        Kid = KeyId,
        Alg = Algorithm,
        Use = "sig",
        N = _publicJwk.N,
        E = _publicJwk.E,
        Crv = _publicJwk.Crv,
        X = _publicJwk.X,
        Y = _publicJwk.Y,
    };

    /// <summary>The public JWKS document {"keys":[...]}.</summary>
    public string ToPublicJwksJson() =>
        JsonSerializer.Serialize(new Dictionary<string, PublicJwk[]> { ["keys"] = new[] { ToPublicJwk() } });

    /// <summary>PKCS#8 "-----BEGIN PRIVATE KEY-----" PEM.</summary>
    public string ExportPkcs8Pem()
    {
        var material = ExportMaterial();
        try
        {
            var der = Pkcs8.WritePrivateKey(material);
            try
            {
                return Pem.Write("PRIVATE KEY", der);
            }
            finally
            {
                KeyMaterial.Wipe(der);
            }
        }
        finally
        {
            material.Clear();
        }
    }

    /// <summary>The private JWK JSON, with kid and alg.</summary>
    public string ExportPrivateJwk()
    {
        var material = ExportMaterial();
        try
        {
            return PrivateJwk.Write(material, KeyId, Algorithm);
        }
        finally
        {
            material.Clear();
        }
    }

    /// <summary>Signs a JWS: base64url(header).base64url(payload).base64url(signature), with this key's alg.
    /// The caller supplies header and payload JSON already serialised.</summary>
    public string SignCompact(string headerJson, string payloadJson)
    {
        if (headerJson is null)
        {
            throw new ArgumentNullException(nameof(headerJson));
        }

        if (payloadJson is null)
        {
            throw new ArgumentNullException(nameof(payloadJson));
        }

        var signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." +
            Base64Url.Encode(Encoding.UTF8.GetBytes(payloadJson));
        var signature = Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.Encode(signature);
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

    private static SigningKey FromMaterial(KeyMaterial material, string? keyId)
    {
        if (!material.HasPrivateKey)
        {
            throw new KeyException(KeyProblem.PublicKeyOnly, "The key holds no private part; the private key is needed to sign.");
        }

        // An explicit key id beats the JWK's own, and an empty JWK kid counts as none.
        var kid = keyId ?? (string.IsNullOrEmpty(material.KeyId) ? null : material.KeyId);
        ValidateKeyId(kid);
        SigningKey key;
        if (material.Rsa is { } rsaParameters)
        {
            var bits = RsaShape.ModulusBits(rsaParameters.Modulus!);
            if (bits < MinRsaKeySize)
            {
                throw new KeyException(KeyProblem.KeySizeTooSmall,
                    $"The RSA key has {bits} bits; Okta needs at least {MinRsaKeySize}.");
            }

            if (bits > MaxImportedRsaKeySize)
            {
                throw new KeyException(KeyProblem.KeySizeNotAllowed, $"The RSA key has {bits} bits, more than {MaxImportedRsaKeySize}.");
            }

            var alg = material.Algorithm is null ? "RS256" : NormalizeAlgorithm(material.Algorithm);
            if (!alg.StartsWith("RS", StringComparison.Ordinal))
            {
                throw new KeyException(KeyProblem.UnsupportedAlgorithm, $"The JWK's alg {alg} does not fit an RSA key.");
            }

            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(rsaParameters);
            }
            catch (CryptographicException e)
            {
                rsa.Dispose();
                throw new KeyException(KeyProblem.UnknownFormat, "The RSA key parameters are not a valid key.", e);
            }

            key = new SigningKey(rsa, null, null, alg, kid, hasPrivateKey: true);
        }
        else
        {
            var curve = material.Curve!;
            var alg = material.Algorithm is null ? curve.Algorithm : NormalizeAlgorithm(material.Algorithm);
            if (alg != curve.Algorithm)
            {
                throw new KeyException(KeyProblem.UnsupportedAlgorithm,
                    $"The JWK's alg {alg} does not fit a {curve.JwkName} key, which signs with {curve.Algorithm}.");
            }

            ECDsa ecdsa;
            try
            {
                ecdsa = ECDsa.Create(material.Ec!.Value);
            }
            catch (CryptographicException e)
            {
                throw new KeyException(KeyProblem.UnknownFormat, "The EC key parameters are not a valid key on its curve.", e);
            }

            key = new SigningKey(null, ecdsa, curve, alg, kid, hasPrivateKey: true);
        }

        // A file whose public half belongs to another key would sign tokens that Okta can never verify.
        bool consistent;
        try
        {
            consistent = key.Verify(s_selfTestMessage, key.Sign(s_selfTestMessage));
        }
        catch (CryptographicException)
        {
            consistent = false;
        }

        if (!consistent)
        {
            key.Dispose();
            throw new KeyException(KeyProblem.UnknownFormat, "The key's private and public parts do not match.");
        }

        return key;
    }

    private KeyMaterial ExportMaterial()
    {
        lock (_gate)
        {
            ThrowIfCannotSign();
            if (_rsa is not null)
            {
                return KeyMaterial.ForRsa(_rsa.ExportParameters(true));
            }

            var parameters = _ecdsa!.ExportParameters(true);
            var curve = _curve!;
            parameters.D = BigEndian.PadTo(parameters.D!, curve.CoordinateSize);
            parameters.Q.X = BigEndian.PadTo(parameters.Q.X!, curve.CoordinateSize);
            parameters.Q.Y = BigEndian.PadTo(parameters.Q.Y!, curve.CoordinateSize);
            return KeyMaterial.ForEc(parameters, curve);
        }
    }

    private static RSA CreateRsa(int size)
    {
        var rsa = RSA.Create();
        rsa.KeySize = size;
        if (RsaShape.ModulusBits(rsa.ExportParameters(false).Modulus!) == size)
        {
            return rsa;
        }

        // .NET Framework's RSA.Create() is an RSACryptoServiceProvider that ignores a KeySize set after construction.
        rsa.Dispose();
        return new RSACryptoServiceProvider(size);
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
