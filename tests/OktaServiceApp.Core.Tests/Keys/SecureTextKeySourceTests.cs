using System.Security;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

public sealed class SecureTextKeySourceTests
{
    [Fact]
    public async Task PemInASecureString_Opens_AndTheDescriptionHoldsNoKey()
    {
        using var secure = Secure(TestKeys.RsaPkcs1Pem);
        var source = new SecureTextKeySource(secure);
        Assert.DoesNotContain("MII", source.Description, StringComparison.Ordinal);

        var signer = await source.OpenAsync(CancellationToken.None);
        Assert.Equal("RS256", signer.Algorithm);
        using var fromText = SigningKey.Import(TestKeys.RsaPkcs1Pem);
        Assert.Equal(fromText.Thumbprint, signer.KeyId);
    }

    [Fact]
    public async Task PrivateJwkInASecureString_Opens_WithTheGivenKid()
    {
        using var key = SigningKey.Generate("RS256");
        using var secure = Secure("\n  " + key.ExportPrivateJwk() + "\n");
        var signer = await new SecureTextKeySource(secure, keyId: "next").OpenAsync(CancellationToken.None);
        Assert.Equal("next", signer.KeyId);
        Assert.Equal(key.Thumbprint, signer.Thumbprint);
    }

    [Fact]
    public async Task TheCallersSecureString_CanBeDisposed_BeforeTheKeyIsOpened()
    {
        var secure = Secure(TestKeys.RsaPkcs1Pem);
        var source = new SecureTextKeySource(secure);
        secure.Dispose();
        Assert.Equal("RS256", (await source.OpenAsync(CancellationToken.None)).Algorithm);
    }

    [Fact]
    public async Task PublicKeyText_IsRefused()
    {
        using var secure = Secure(TestKeys.RsaPkcs1PublicPem);
        var error = await Assert.ThrowsAsync<KeyException>(() => new SecureTextKeySource(secure).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.PublicKeyOnly, error.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key at all: s3cr3t-value")]
    public async Task TextThatIsNoKey_IsUnknownFormat_WithoutEchoingIt(string text)
    {
        using var secure = Secure(text);
        var error = await Assert.ThrowsAsync<KeyException>(() => new SecureTextKeySource(secure).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.UnknownFormat, error.Problem);
        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }
}
