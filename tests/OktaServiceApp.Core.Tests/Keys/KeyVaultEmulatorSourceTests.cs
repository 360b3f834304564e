using System.Security.Cryptography;
using System.Text;
using KeyVaultEmulator.Vault;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Sharing;
using OktaServiceApp.Core.Tests.Support;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Opening a Key Vault key is one GET; each signature is one POST {kid}/sign of a digest computed here.</summary>
public sealed class KeyVaultEmulatorSourceTests : KeyVaultEmulatorTests
{
    private static readonly byte[] s_input = Encoding.ASCII.GetBytes("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0");

    [Fact]
    public async Task An_rsa_key_opens_with_one_get_and_signs_rs256_with_one_post_per_signature()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var signer = await Source(kid).OpenAsync(CancellationToken.None);
        Assert.Equal(1, Vault.Stats.KeyGets);
        Assert.Equal(0, Vault.Stats.SignRequests);

        Assert.Equal("RS256", signer.Algorithm);
        Assert.Equal("RSA", signer.KeyType);
        Assert.False(signer.CanExportPrivateKey);
        var jwk = signer.ToPublicJwk();
        Assert.Equal(JwkThumbprint.Compute(jwk), signer.KeyId);
        Assert.Equal(signer.Thumbprint, signer.KeyId);
        Assert.Equal(kid, ((KeyVaultSigner)signer).VaultKeyId);

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.Decode(jwk.N!), Exponent = Base64Url.Decode(jwk.E!) });
        for (var i = 1; i <= 3; i++)
        {
            var signature = await signer.SignAsync(s_input, CancellationToken.None);
            Assert.True(rsa.VerifyData(s_input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            Assert.Equal(i, Vault.Stats.SignRequests);
        }

        Assert.Equal(1, Vault.Stats.KeyGets);
        Assert.Equal(1, Vault.Stats.IdentityRequests);
    }

    [Theory]
    [InlineData("RS384", 384)]
    [InlineData("RS512", 512)]
    public async Task An_rsa_key_signs_with_the_rs_algorithm_asked_for(string algorithm, int hashBits)
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa(3072));
        var signer = await Source(kid, algorithm: algorithm).OpenAsync(CancellationToken.None);
        var jwk = signer.ToPublicJwk();
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.Decode(jwk.N!), Exponent = Base64Url.Decode(jwk.E!) });
        var signature = await signer.SignAsync(s_input, CancellationToken.None);
        Assert.Equal(384, signature.Length);
        Assert.True(rsa.VerifyData(s_input, signature, hashBits == 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512,
            RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [InlineData("P-256", "ES256", false)]
    [InlineData("P-384", "ES384", true)]
    [InlineData("P-521", "ES512", false)]
    public async Task An_ec_key_signs_with_its_curves_algorithm_as_raw_r_and_s(string curve, string algorithm, bool hsm)
    {
        var kid = Vault.CreateKey("okta-ec", new KeySpec("EC", Curve: curve, Hsm: hsm));
        var signer = await Source(kid).OpenAsync(CancellationToken.None);
        Assert.Equal(algorithm, signer.Algorithm);
        Assert.Equal("EC", signer.KeyType);
        var jwk = signer.ToPublicJwk();
        Assert.Equal(curve, jwk.Crv);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = curve switch { "P-256" => ECCurve.NamedCurves.nistP256, "P-384" => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 },
            Q = new ECPoint { X = Base64Url.Decode(jwk.X!), Y = Base64Url.Decode(jwk.Y!) },
        });
        var signature = await signer.SignAsync(s_input, CancellationToken.None);
        var hash = algorithm switch { "ES256" => HashAlgorithmName.SHA256, "ES384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        Assert.True(ecdsa.VerifyData(s_input, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task An_ec_key_refuses_an_algorithm_of_another_curve()
    {
        var kid = Vault.CreateKey("okta-ec", KeySpec.Ec("P-256"));
        var ex = await Assert.ThrowsAsync<KeyException>(() => Source(kid, algorithm: "RS256").OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.UnsupportedAlgorithm, ex.Problem);
    }

    [Fact]
    public async Task Without_a_version_the_current_version_is_read_once_and_kept_by_the_signer()
    {
        var first = Vault.CreateKey("rotating", KeySpec.Rsa());
        var source = Source($"{Vault.VaultUrl}/keys/rotating");
        var signer = (KeyVaultSigner)await source.OpenAsync(CancellationToken.None);
        Assert.Equal(first, signer.VaultKeyId);

        var second = Vault.CreateKey("rotating", KeySpec.Rsa());
        await signer.SignAsync(s_input, CancellationToken.None);
        var reopened = (KeyVaultSigner)await source.OpenAsync(CancellationToken.None);
        Assert.Equal(second, reopened.VaultKeyId);
        Assert.NotEqual(signer.KeyId, reopened.KeyId);
        Assert.Equal(1, Vault.Stats.Signatures);
    }

    [Fact]
    public async Task The_instance_metadata_service_serves_when_identity_endpoint_is_not_set()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var signer = await Source(kid, ImdsIdentity()).OpenAsync(CancellationToken.None);
        await signer.SignAsync(s_input, CancellationToken.None);
        Assert.Equal(1, Vault.Stats.ImdsRequests);
        Assert.Equal(0, Vault.Stats.IdentityRequests);
        Assert.Equal(1, Vault.Stats.Signatures);
    }

    [Fact]
    public async Task A_passed_token_is_used_as_given_and_no_identity_endpoint_is_called()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var signer = await Source(kid, PassedToken(Vault.IssueToken())).OpenAsync(CancellationToken.None);
        await signer.SignAsync(s_input, CancellationToken.None);
        Assert.Equal(0, Vault.Stats.IdentityRequests + Vault.Stats.ImdsRequests);
        Assert.Equal(1, Vault.Stats.Signatures);
    }

    [Fact]
    public async Task The_managed_identity_token_is_reused_by_every_open_until_it_nears_expiry()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        for (var i = 0; i < 3; i++)
        {
            var signer = await Source(kid).OpenAsync(CancellationToken.None);
            await signer.SignAsync(s_input, CancellationToken.None);
        }

        Assert.Equal(1, Vault.Stats.IdentityRequests);
        Assert.Equal(3, Vault.Stats.KeyGets);
        Assert.Equal(3, Vault.Stats.Signatures);
    }

    [Fact]
    public async Task The_managed_identity_token_is_shared_only_through_the_cache_the_credentials_were_given()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var options = new ManagedIdentityOptions { IdentityEndpoint = new Uri(Vault.IdentityEndpoint), IdentityHeader = Vault.IdentityHeader };
        await Source(kid, KeyVaultCredential.ManagedIdentity(new IdentityTokenCache(), options)).OpenAsync(CancellationToken.None);
        await Source(kid, KeyVaultCredential.ManagedIdentity(new IdentityTokenCache(), options)).OpenAsync(CancellationToken.None);
        Assert.Equal(2, Vault.Stats.IdentityRequests);

        await Source(kid).OpenAsync(CancellationToken.None);
        await Source(kid).OpenAsync(CancellationToken.None);
        Assert.Equal(3, Vault.Stats.IdentityRequests);
        Assert.Equal(1, IdentityTokens.Count);
    }

    [Fact]
    public async Task Throttled_calls_are_retried_after_retry_after_and_then_succeed()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var signer = await Source(kid).OpenAsync(CancellationToken.None);
        Vault.ThrottleNext(2, retryAfterSeconds: 3);
        await signer.SignAsync(s_input, CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) }, Waits);
        Assert.Equal(3, Vault.Stats.SignRequests);
        Assert.Equal(1, Vault.Stats.Signatures);
    }

    [Fact]
    public async Task A_503_on_open_is_retried_too()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        Vault.ThrottleNext(1, retryAfterSeconds: 0, status: 503);
        await Source(kid).OpenAsync(CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.Zero }, Waits);
        Assert.Equal(2, Vault.Stats.KeyGets);
    }
}
