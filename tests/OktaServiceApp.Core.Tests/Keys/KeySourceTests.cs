using OktaServiceApp.Core.Jwt;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

public sealed class KeySourceTests
{
    [Fact]
    public async Task FromSetting_TellsPemTextFromAPath()
    {
        var text = KeySource.FromSetting("  " + TestKeys.RsaPkcs1Pem + "\n", keyId: "k1");
        Assert.IsType<TextKeySource>(text);
        Assert.Equal("PEM text", text.Description);
        var signer = await text.OpenAsync(CancellationToken.None);
        Assert.Equal("k1", signer.KeyId);
        Assert.Equal("RS256", signer.Algorithm);

        var path = KeySource.FromSetting("/nonexistent/svc.pem", keyId: null);
        var file = Assert.IsType<FileKeySource>(path);
        Assert.Equal("/nonexistent/svc.pem", file.Path);
        var error = await Assert.ThrowsAsync<KeyException>(() => file.OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.FileNotFound, error.Problem);
    }

    [Fact]
    public async Task Description_NeverHoldsTheKey()
    {
        var source = KeySource.FromSetting(TestKeys.RsaPkcs1Pem, keyId: null);
        Assert.DoesNotContain("MII", source.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("MII", source.ToString(), StringComparison.Ordinal);
        var signer = await source.OpenAsync(CancellationToken.None);
        Assert.True(signer.CanExportPrivateKey);
    }

    [Fact]
    public async Task PublicOnlyKey_IsRefusedWhenOpened_AndACallersKeyIsNotDisposed()
    {
        using var pair = SigningKey.Generate("RS256");
        using var publicOnly = SigningKey.ImportPublicJwk(pair.ToPublicJwk());
        var source = new SignerKeySource(publicOnly);
        var error = await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.NoPrivateKey, error.Problem);
        Assert.Equal(pair.Thumbprint, publicOnly.Thumbprint);
    }

    [Fact]
    public async Task CreateAsync_ThroughAnySigner_MatchesTheInMemoryAssertion()
    {
        using var key = SigningKey.Generate("RS256", keyId: "kid-1");
        var counting = new CountingSigner(key);
        var assertion = await ClientAssertion.CreateAsync(counting, "0oa1", "https://org.example/oauth2/v1/token", null, null,
            CancellationToken.None);

        Assert.Equal(1, counting.Signatures);
        var header = KeyTestHelpers.DecodeSegment(assertion, 0);
        Assert.Equal("kid-1", header.GetProperty("kid").GetString());
        var parts = assertion.Split('.');
        Assert.True(key.Verify(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2])));
    }

    // A signer that is not a SigningKey, as a certificate or remote key would be.
    private sealed class CountingSigner : IJwsSigner
    {
        private readonly SigningKey _key;

        public CountingSigner(SigningKey key) => _key = key;

        public int Signatures { get; private set; }
        public string KeyId => _key.KeyId;
        public string Algorithm => _key.Algorithm;
        public string KeyType => _key.KeyType;
        public string Thumbprint => _key.Thumbprint;
        public bool CanExportPrivateKey => false;
        public PublicJwk ToPublicJwk() => _key.ToPublicJwk();

        public Task<byte[]> SignAsync(byte[] signingInput, CancellationToken cancellationToken)
        {
            Signatures++;
            return _key.SignAsync(signingInput, cancellationToken);
        }
    }
}
