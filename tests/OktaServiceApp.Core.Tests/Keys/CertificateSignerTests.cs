using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OktaServiceApp.Core.Jwt;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.Core.Tests.Support;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

public sealed class CertificateSignerTests
{
    [Fact]
    public async Task RsaCertificate_SignsRs256_WithTheThumbprintAsKid_AndNeverExports()
    {
        using var certificate = TestCertificates.Rsa();
        using var signer = CertificateSigner.Open(certificate);

        Assert.Equal("RS256", signer.Algorithm);
        Assert.Equal("RSA", signer.KeyType);
        Assert.Equal(2048, signer.KeySize);
        Assert.False(signer.CanExportPrivateKey);
        Assert.Equal(certificate.Thumbprint, signer.CertificateThumbprint);
        using var publicKey = SigningKey.ImportPublicJwk(signer.ToPublicJwk());
        Assert.Equal(publicKey.Thumbprint, signer.Thumbprint);
        Assert.Equal(signer.Thumbprint, signer.KeyId);
        Assert.Equal(signer.KeyId, signer.ToPublicJwk().Kid);
        Assert.Equal("sig", signer.ToPublicJwk().Use);

        var data = Encoding.ASCII.GetBytes("header.payload");
        var signature = await signer.SignAsync(data, CancellationToken.None);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(publicKey.Verify(data, signature));
    }

    [Fact]
    public async Task ClientAssertion_SignedByACertificate_VerifiesWithItsPublicJwk()
    {
        using var certificate = TestCertificates.Rsa(3072);
        var source = new CertificateKeySource(certificate);
        Assert.Contains(certificate.Thumbprint, source.Description, StringComparison.Ordinal);
        var signer = await source.OpenAsync(CancellationToken.None);

        var assertion = await ClientAssertion.CreateAsync(signer, "0oa1", "https://org.example/oauth2/v1/token", null, null,
            CancellationToken.None);

        var header = KeyTestHelpers.DecodeSegment(assertion, 0);
        Assert.Equal(signer.KeyId, header.GetProperty("kid").GetString());
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        using var publicKey = SigningKey.ImportPublicJwk(signer.ToPublicJwk());
        var parts = assertion.Split('.');
        Assert.True(publicKey.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2])));
        ((IDisposable)signer).Dispose();
        // The caller's certificate is left usable: the source does not own it.
        Assert.True(certificate.HasPrivateKey);
        using var again = certificate.GetRSAPrivateKey();
        Assert.NotNull(again);
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [InlineData("P-256", "ES256", 64)]
    [InlineData("P-384", "ES384", 96)]
    [InlineData("P-521", "ES512", 132)]
    public async Task EcCertificate_SignsByItsCurve_InP1363Form(string curveName, string algorithm, int signatureLength)
    {
        var curve = curveName switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        };
        using var certificate = TestCertificates.Ec(curve);
        using var signer = CertificateSigner.Open(certificate);

        Assert.Equal(algorithm, signer.Algorithm);
        Assert.Equal("EC", signer.KeyType);
        Assert.Equal(curveName, signer.Curve);
        var data = Encoding.ASCII.GetBytes("header.payload");
        var signature = await signer.SignAsync(data, CancellationToken.None);
        Assert.Equal(signatureLength, signature.Length);
        using var publicKey = SigningKey.ImportPublicJwk(signer.ToPublicJwk());
        Assert.Equal(publicKey.Thumbprint, signer.KeyId);
        Assert.True(publicKey.Verify(data, signature));
    }

    [Fact]
    [Trait(Requires.Name, Requires.ECDsa)]
    public void EcCertificate_OnACurveJwsHasNoName_IsRefused()
    {
        using var certificate = TestCertificates.Ec(ECCurve.NamedCurves.brainpoolP256r1);
        var error = Assert.Throws<KeyException>(() => CertificateSigner.Open(certificate));
        Assert.Equal(KeyProblem.UnsupportedCurve, error.Problem);
    }

    [Fact]
    public void CertificateWithoutPrivateKey_IsRefused()
    {
        using var pair = TestCertificates.Rsa();
        using var publicOnly = TestCertificates.PublicOnly(pair);
        var error = Assert.Throws<KeyException>(() => CertificateSigner.Open(publicOnly));
        Assert.Equal(KeyProblem.CertificateNoPrivateKey, error.Problem);
        Assert.Contains(pair.Thumbprint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateWithoutPrivateKey_OpensForItsPublicJwk_WhenAsked_ButCannotSign()
    {
        using var pair = TestCertificates.Rsa();
        using var publicOnly = TestCertificates.PublicOnly(pair);
        using var withKey = CertificateSigner.Open(pair);
        using var signer = CertificateSigner.Open(publicOnly, requirePrivateKey: false);
        Assert.False(signer.HasPrivateKey);
        Assert.True(withKey.HasPrivateKey);
        Assert.Equal(withKey.KeyId, signer.KeyId);
        var error = await Assert.ThrowsAsync<KeyException>(() => signer.SignAsync(new byte[] { 1 }, CancellationToken.None));
        Assert.Equal(KeyProblem.CertificateNoPrivateKey, error.Problem);
    }

    [Fact]
    public void RsaCertificateBelow2048Bits_IsRefused()
    {
        using var certificate = TestCertificates.Rsa(1024);
        var error = Assert.Throws<KeyException>(() => CertificateSigner.Open(certificate));
        Assert.Equal(KeyProblem.KeySizeTooSmall, error.Problem);
    }

    [Fact]
    public async Task Disposed_RefusesToSign()
    {
        using var certificate = TestCertificates.Rsa();
        var signer = CertificateSigner.Open(certificate);
        signer.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => signer.SignAsync(new byte[] { 1 }, CancellationToken.None));
    }
}
