using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Uses the real CurrentUser\My store (.NET's store works on Linux too); every certificate added is removed again.</summary>
public sealed class CertificateStoreKeySourceTests
{
    [Fact]
    public async Task Thumbprint_InCurrentUserMy_OpensItsKey_EvenAsCopiedWithSpacesAndLowerCase()
    {
        using var certificate = TestCertificates.Rsa();
        using var stored = new StoredCertificate(certificate);
        var pasted = "\u200e" + string.Join(" ", Enumerable.Range(0, 20).Select(i => certificate.Thumbprint.Substring(i * 2, 2)))
            .ToLowerInvariant();
        var source = new CertificateStoreKeySource(pasted, StoreLocation.CurrentUser);
        Assert.Equal(certificate.Thumbprint, source.Thumbprint);
        Assert.Equal($"certificate {certificate.Thumbprint} in CurrentUser\\My", source.Description);

        var signer = Assert.IsType<CertificateSigner>(await source.OpenAsync(CancellationToken.None));
        using (signer)
        {
            Assert.False(signer.CanExportPrivateKey);
            var data = Encoding.ASCII.GetBytes("header.payload");
            using var rsa = certificate.GetRSAPublicKey()!;
            var signature = await signer.SignAsync(data, CancellationToken.None);
            Assert.True(rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public async Task Thumbprint_NotInTheStore_IsCertificateNotFound()
    {
        var source = new CertificateStoreKeySource(new string('0', 40));
        var error = await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.CertificateNotFound, error.Problem);
        Assert.Contains("CurrentUser\\My", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalMachine_OffWindows_IsCertificateNotFound_SayingTheStoreIsWindowsOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // LocalMachine\My exists there; what it holds is the machine's business, not this test's.
        }

        var source = new CertificateStoreKeySource(new string('A', 40), StoreLocation.LocalMachine);
        var error = await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.CertificateNotFound, error.Problem);
        Assert.Contains("Windows only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreEntry_WithoutItsKey_IsCertificateNoPrivateKey()
    {
        using var pair = TestCertificates.Rsa();
        using var publicOnly = TestCertificates.PublicOnly(pair);
        using var stored = new StoredCertificate(publicOnly);
        var source = new CertificateStoreKeySource(pair.Thumbprint);
        var error = await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.CertificateNoPrivateKey, error.Problem);
    }

    [Theory]
    [InlineData("not-a-thumbprint")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("")]
    public async Task Malformed_IsCertificateThumbprintInvalid(string thumbprint)
    {
        var source = new CertificateStoreKeySource(thumbprint);
        var error = await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.CertificateThumbprintInvalid, error.Problem);
    }
}
