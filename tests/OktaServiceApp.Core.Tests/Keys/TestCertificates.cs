using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Self-signed certificates made in memory for the certificate key tests.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Rsa(int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        var request = new CertificateRequest($"CN=okta-test-rsa-{Guid.NewGuid():N}", rsa, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        return Exportable(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    }

    public static X509Certificate2 Ec(ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        var request = new CertificateRequest($"CN=okta-test-ec-{Guid.NewGuid():N}", ecdsa, HashAlgorithmName.SHA256);
        return Exportable(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    }

    /// <summary>The same certificate without its private key, as a .cer file gives it.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    // CreateSelfSigned's key is ephemeral on Windows and cannot go into a store; a PFX round trip makes it a stored key.
    private static X509Certificate2 Exportable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null,
                X509KeyStorageFlags.Exportable | X509KeyStorageFlags.UserKeySet);
        }
    }
}
