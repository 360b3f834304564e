using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// Signs with a certificate's private key where it lives: a Windows CNG or TPM key, a smart card, an OpenSSL key loaded from
/// a PFX. The key is reached only through GetRSAPrivateKey/GetECDsaPrivateKey and is never exported, so a non-exportable key
/// works and nothing here can write it out. RSA certificates sign RS256, EC certificates ES256/384/512 by their curve.
/// </summary>
public sealed class CertificateSigner : IJwsSigner, IDisposable
{
    private const int MinRsaKeySize = 2048;

    // The software CSPs whose PROV_RSA_FULL keys can be reopened through the AES provider (see WithSha256Provider).
    private static readonly string[] s_legacySoftwareProviders =
    {
        "Microsoft Base Cryptographic Provider v1.0",
        "Microsoft Strong Cryptographic Provider",
        "Microsoft Enhanced Cryptographic Provider v1.0",
    };

    // Signing through one key object from several threads is not documented as safe on every platform (CNG handles, CSPs).
    private readonly object _gate = new();
    private readonly X509Certificate2? _ownedCertificate;
    private readonly PublicJwk _publicJwk;
    private readonly HashAlgorithmName _hash;
    private RSA? _rsa;
    private ECDsa? _ecdsa;
    private bool _disposed;

    private CertificateSigner(X509Certificate2 certificate, RSA? rsa, ECDsa? ecdsa, PublicJwk publicJwk, string algorithm,
        HashAlgorithmName hash, int keySize, bool ownsCertificate)
    {
        _ownedCertificate = ownsCertificate ? certificate : null;
        _rsa = rsa;
        _ecdsa = ecdsa;
        _publicJwk = publicJwk;
        _hash = hash;
        Algorithm = algorithm;
        KeySize = keySize;
        Curve = publicJwk.Crv;
        CertificateThumbprint = certificate.Thumbprint;
        Subject = certificate.Subject;
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        Thumbprint = JwkThumbprint.Compute(publicJwk);
        KeyId = Thumbprint;
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <inheritdoc />
    public string Algorithm { get; }

    /// <inheritdoc />
    public string KeyType => _publicJwk.Kty;

    /// <summary>RSA modulus size in bits, or the EC field size (256, 384, 521).</summary>
    public int KeySize { get; }

    /// <summary>"P-256", "P-384", "P-521" for EC certificates; null for RSA.</summary>
    public string? Curve { get; }

    /// <inheritdoc />
    public string Thumbprint { get; }

    /// <summary>The certificate's own SHA-1 thumbprint (hex), as Cert:\ and the Windows store show it; not the kid.</summary>
    public string CertificateThumbprint { get; }

    /// <summary>The certificate's subject, to say which certificate signs.</summary>
    public string Subject { get; }

    /// <summary>When the certificate expires. Okta does not check it: the registered JWK is the public key alone.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Always false: the point of a certificate key is that it never leaves its store.</summary>
    public bool CanExportPrivateKey => false;

    /// <summary>False for a certificate opened for its public key alone (a .cer file to register).</summary>
    public bool HasPrivateKey => (_rsa is not null || _ecdsa is not null) && !_disposed;

    /// <summary>
    /// Opens a certificate's private key for signing. <paramref name="ownsCertificate"/> says whether disposing this signer
    /// disposes the certificate too (one taken from a store here), or leaves it to the caller (one passed in). With
    /// <paramref name="requirePrivateKey"/> false a certificate without its key opens too, to give its public JWK only.
    /// </summary>
    public static CertificateSigner Open(X509Certificate2 certificate, bool ownsCertificate = false, bool requirePrivateKey = true)
    {
        if (certificate is null)
        {
            throw new ArgumentNullException(nameof(certificate));
        }

        var name = Describe(certificate);
        if (!certificate.HasPrivateKey && requirePrivateKey)
        {
            throw new KeyException(KeyProblem.CertificateNoPrivateKey,
                $"The certificate {name} has no private key here, so it cannot sign. Use the PFX, or the store entry that holds its key " +
                "(a .cer file or Get-PfxCertificate of a .cer holds only the public key).");
        }

        using (var rsaPublic = certificate.GetRSAPublicKey())
        {
            if (rsaPublic is not null)
            {
                return OpenRsa(certificate, rsaPublic, name, ownsCertificate, certificate.HasPrivateKey);
            }
        }

        ECDsa? ecPublic;
        try
        {
            ecPublic = certificate.GetECDsaPublicKey();
        }
        catch (Exception e) when (e is NotImplementedException or PlatformNotSupportedException)
        {
            // Mono has no ECDsa at all: an EC certificate cannot be used there, and the message says so.
            throw new KeyException(KeyProblem.UnsupportedKeyType,
                $"The certificate {name} has an EC key, and this runtime has no ECDsa. Use an RSA certificate here.", e);
        }

        using (ecPublic)
        {
            if (ecPublic is not null)
            {
                return OpenEc(certificate, ecPublic, name, ownsCertificate, certificate.HasPrivateKey);
            }
        }

        throw new KeyException(KeyProblem.UnsupportedKeyType,
            $"The certificate {name} has a {certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value} key; " +
            "Okta service apps sign with RSA (2048 bits or more) or EC P-256/P-384/P-521 keys.");
    }

    /// <inheritdoc />
    public PublicJwk ToPublicJwk() => _publicJwk.ForSigning(KeyId, Algorithm);

    /// <inheritdoc />
    public Task<byte[]> SignAsync(byte[] signingInput, CancellationToken cancellationToken)
    {
        if (signingInput is null)
        {
            throw new ArgumentNullException(nameof(signingInput));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(CertificateSigner));
            }

            if (_rsa is null && _ecdsa is null)
            {
                throw new KeyException(KeyProblem.CertificateNoPrivateKey,
                    $"The certificate {ToString()} was opened without its private key, so it cannot sign.");
            }

            // ECDsa.SignData gives IEEE P1363 (r || s) on every platform, the JWS form; RSA is PKCS#1 v1.5 for RS256.
            return Task.FromResult(_rsa is not null
                ? _rsa.SignData(signingInput, _hash, RSASignaturePadding.Pkcs1)
                : _ecdsa!.SignData(signingInput, _hash));
        }
    }

    /// <summary>The subject and certificate thumbprint: what to look for in Cert:\ or the PFX.</summary>
    public override string ToString() => $"{Subject} ({CertificateThumbprint})";

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _rsa?.Dispose();
            _ecdsa?.Dispose();
            _rsa = null;
            _ecdsa = null;
            _ownedCertificate?.Dispose();
        }
    }

    private static CertificateSigner OpenRsa(X509Certificate2 certificate, RSA rsaPublic, string name, bool ownsCertificate,
        bool withPrivateKey)
    {
        var parameters = rsaPublic.ExportParameters(false);
        var bits = RsaShape.ModulusBits(BigEndian.StripLeadingZeros(parameters.Modulus!));
        if (bits < MinRsaKeySize)
        {
            throw new KeyException(KeyProblem.KeySizeTooSmall,
                $"The certificate {name} has a {bits}-bit RSA key; Okta needs at least {MinRsaKeySize} bits. Issue a new certificate.");
        }

        var jwk = new PublicJwk
        {
            Kty = "RSA",
            N = Base64Url.Encode(BigEndian.StripLeadingZeros(parameters.Modulus!)),
            E = Base64Url.Encode(BigEndian.StripLeadingZeros(parameters.Exponent!)),
        };
        var rsa = withPrivateKey ? certificate.GetRSAPrivateKey() ?? throw NoPrivateKey(name) : null;
        if (rsa is not null)
        {
            rsa = WithSha256Provider(rsa, rsaPublic);
        }

        return new CertificateSigner(certificate, rsa, null, jwk, "RS256", HashAlgorithmName.SHA256, bits, ownsCertificate);
    }

    private static CertificateSigner OpenEc(X509Certificate2 certificate, ECDsa ecPublic, string name, bool ownsCertificate,
        bool withPrivateKey)
    {
        var parameters = ecPublic.ExportParameters(false);
        var curve = EcCurve.FromNamedCurve(parameters.Curve) ?? throw new KeyException(KeyProblem.UnsupportedCurve,
            $"The certificate {name} has an EC key on a curve other than P-256, P-384 or P-521, which JWS cannot sign with.");
        var jwk = curve.ToPublicJwk(parameters.Q);
        var ecdsa = withPrivateKey ? certificate.GetECDsaPrivateKey() ?? throw NoPrivateKey(name) : null;
        return new CertificateSigner(certificate, null, ecdsa, jwk, curve.Algorithm, curve.Hash, curve.KeySize, ownsCertificate);
    }

    /// <summary>
    /// .NET Framework hands a key kept by one of the old software CSPs (PROV_RSA_FULL: what a PFX import or Azure Automation
    /// often gives Windows PowerShell 5.1) out as an RSACryptoServiceProvider, which cannot make SHA-256 signatures. The same
    /// key container opened through the AES provider can, without exporting anything. The reopened key must sign what the
    /// certificate's public key verifies, or the original is kept; anything else (CNG keys, smart cards, other platforms) is
    /// left as it is.
    /// </summary>
    private static RSA WithSha256Provider(RSA rsa, RSA rsaPublic)
    {
        const int ProvRsaFull = 1;
        const int ProvRsaAes = 24;
        if (rsa is not RSACryptoServiceProvider csp || !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return rsa;
        }

        var info = csp.CspKeyContainerInfo;
        if (info.ProviderType != ProvRsaFull || !s_legacySoftwareProviders.Contains(info.ProviderName))
        {
            return rsa;
        }

        RSACryptoServiceProvider? upgraded = null;
        try
        {
            upgraded = new RSACryptoServiceProvider(new CspParameters(ProvRsaAes, null, info.KeyContainerName)
            {
                KeyNumber = (int)info.KeyNumber,
                Flags = CspProviderFlags.UseExistingKey | (info.MachineKeyStore ? CspProviderFlags.UseMachineKeyStore : 0),
            });
            var probe = Encoding.ASCII.GetBytes("OktaServiceApp certificate key self-test");
            var signature = upgraded.SignData(probe, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            if (rsaPublic.VerifyData(probe, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                csp.Dispose();
                return upgraded;
            }
        }
        catch (CryptographicException)
        {
            // The container cannot be reached through the AES provider: the original key is tried as it is.
        }

        upgraded?.Dispose();
        return rsa;
    }

    private static KeyException NoPrivateKey(string name) => new(KeyProblem.CertificateNoPrivateKey,
        $"The private key of certificate {name} cannot be opened by this account, so it cannot sign. " +
        "Check that this account may use the key (on Windows: Manage Private Keys in certlm.msc or certmgr.msc).");

    private static string Describe(X509Certificate2 certificate) => $"{certificate.Subject} ({certificate.Thumbprint})";
}
