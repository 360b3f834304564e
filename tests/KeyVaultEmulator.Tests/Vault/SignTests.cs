using System.Security.Cryptography;

namespace KeyVaultEmulator.Tests.Vault;

/// <summary>POST {kid}/sign signs the digest the caller computed: PKCS#1 v1.5 for RS*, raw R‖S for ES*.</summary>
public sealed class SignTests : VaultTest
{
    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task An_rsa_signature_verifies_with_the_public_key(string alg)
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        var key = await PublicKeyAsync(kid, token);
        var data = "header.payload"u8.ToArray();
        var hash = HashOf(alg);
        using var response = await Vault.SignAsync(kid, token, alg, Digest(hash, data));
        var body = await VaultExpect.OkAsync(response);
        Assert.Equal(kid, body["kid"]!.GetValue<string>());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.Decode(key["n"]!.GetValue<string>()),
            Exponent = Base64Url.Decode(key["e"]!.GetValue<string>()),
        });
        Assert.True(rsa.VerifyData(data, Base64Url.Decode(body["value"]!.GetValue<string>()), hash, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("ES256", "P-256", 64)]
    [InlineData("ES384", "P-384", 96)]
    [InlineData("ES512", "P-521", 132)]
    public async Task An_ec_signature_is_raw_r_and_s_and_verifies(string alg, string curve, int signatureLength)
    {
        var kid = Vault.Emulator.CreateKey("ec", KeySpec.Ec(curve));
        var token = await Vault.IdentityTokenAsync();
        var key = await PublicKeyAsync(kid, token);
        var data = "header.payload"u8.ToArray();
        var hash = HashOf(alg);
        using var response = await Vault.SignAsync(kid, token, alg, Digest(hash, data));
        var signature = Base64Url.Decode((await VaultExpect.OkAsync(response))["value"]!.GetValue<string>());
        Assert.Equal(signatureLength, signature.Length);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = curve switch { "P-256" => ECCurve.NamedCurves.nistP256, "P-384" => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 },
            Q = new ECPoint { X = Base64Url.Decode(key["x"]!.GetValue<string>()), Y = Base64Url.Decode(key["y"]!.GetValue<string>()) },
        });
        Assert.True(ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task A_digest_of_the_wrong_length_is_400_bad_parameter()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        using var response = await Vault.SignAsync(kid, await Vault.IdentityTokenAsync(), "RS256", new byte[31]);
        await VaultExpect.ErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Equal(0, Vault.Emulator.Stats.Signatures);
    }

    [Theory]
    [InlineData("rs256")]
    [InlineData("PS999")]
    [InlineData("ES256")]
    public async Task An_unknown_algorithm_or_one_that_does_not_fit_the_key_is_400(string alg)
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        using var response = await Vault.SignAsync(kid, await Vault.IdentityTokenAsync(), alg, new byte[32]);
        await VaultExpect.ErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Es384_on_a_p256_key_is_400()
    {
        var kid = Vault.Emulator.CreateKey("ec", KeySpec.Ec("P-256"));
        using var response = await Vault.SignAsync(kid, await Vault.IdentityTokenAsync(), "ES384", new byte[48]);
        await VaultExpect.ErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task A_value_that_is_not_base64url_is_400()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        using var response = await Vault.SendAsync(HttpMethod.Post, $"{kid}/sign?api-version=7.4", await Vault.IdentityTokenAsync(),
            "{\"alg\":\"RS256\",\"value\":\"a+b/c==\"}");
        await VaultExpect.ErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Signing_an_unknown_version_is_404()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        using var response = await Vault.SignAsync(kid[..^32] + "0123456789abcdef0123456789abcdef", await Vault.IdentityTokenAsync(),
            "RS256", new byte[32]);
        await VaultExpect.ErrorAsync(response, HttpStatusCode.NotFound, "KeyNotFound");
    }

    private async Task<JsonObject> PublicKeyAsync(string kid, string token)
    {
        using var response = await Vault.GetKeyAsync(kid, token);
        return (await VaultExpect.OkAsync(response))["key"]!.AsObject();
    }

    private static HashAlgorithmName HashOf(string alg) => alg[2..] switch
    {
        "256" => HashAlgorithmName.SHA256,
        "384" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    private static byte[] Digest(HashAlgorithmName hash, byte[] data) =>
        hash == HashAlgorithmName.SHA256 ? SHA256.HashData(data) : hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : SHA512.HashData(data);
}
