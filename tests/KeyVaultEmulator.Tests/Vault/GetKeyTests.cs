namespace KeyVaultEmulator.Tests.Vault;

/// <summary>GET {kid}: a KeyBundle with the public JsonWebKey only, the latest version when none is named, KeyNotFound otherwise.</summary>
public sealed class GetKeyTests : VaultTest
{
    [Fact]
    public async Task An_rsa_key_answers_kid_kty_n_e_key_ops_and_attributes_without_private_members()
    {
        var kid = Vault.Emulator.CreateKey("rsa-key", KeySpec.Rsa(3072));
        using var response = await Vault.GetKeyAsync(kid, await Vault.IdentityTokenAsync());
        var bundle = await VaultExpect.OkAsync(response);
        var key = bundle["key"]!.AsObject();
        Assert.Equal(kid, key["kid"]!.GetValue<string>());
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/keys/rsa-key/[0-9a-f]{32}$", kid);
        Assert.Equal("RSA", key["kty"]!.GetValue<string>());
        Assert.Equal(384, Base64Url.Decode(key["n"]!.GetValue<string>()).Length);
        Assert.Equal("AQAB", key["e"]!.GetValue<string>());
        Assert.Contains("sign", key["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(["kid", "kty", "key_ops", "n", "e"], key.Select(p => p.Key));
        Assert.True(bundle["attributes"]!["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("P-256", 32)]
    [InlineData("P-384", 48)]
    [InlineData("P-521", 66)]
    public async Task An_ec_key_answers_crv_x_y(string curve, int coordinateLength)
    {
        var kid = Vault.Emulator.CreateKey("ec-key", KeySpec.Ec(curve));
        using var response = await Vault.GetKeyAsync(kid, await Vault.IdentityTokenAsync());
        var key = (await VaultExpect.OkAsync(response))["key"]!.AsObject();
        Assert.Equal("EC", key["kty"]!.GetValue<string>());
        Assert.Equal(curve, key["crv"]!.GetValue<string>());
        Assert.Equal(coordinateLength, Base64Url.Decode(key["x"]!.GetValue<string>()).Length);
        Assert.Equal(coordinateLength, Base64Url.Decode(key["y"]!.GetValue<string>()).Length);
        Assert.Null(key["d"]);
    }

    [Fact]
    public async Task An_hsm_key_has_the_hsm_key_type()
    {
        var kid = Vault.Emulator.CreateKey("hsm-key", new KeySpec("RSA", Hsm: true));
        using var response = await Vault.GetKeyAsync(kid, await Vault.IdentityTokenAsync());
        Assert.Equal("RSA-HSM", (await VaultExpect.OkAsync(response))["key"]!["kty"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_version_the_newest_version_answers_and_older_versions_stay_readable()
    {
        var first = Vault.Emulator.CreateKey("rotated", KeySpec.Rsa());
        var second = Vault.Emulator.CreateKey("rotated", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        using var latest = await Vault.GetKeyAsync($"{Vault.Emulator.VaultUrl}/keys/rotated", token);
        Assert.Equal(second, (await VaultExpect.OkAsync(latest))["key"]!["kid"]!.GetValue<string>());
        using var old = await Vault.GetKeyAsync(first, token);
        Assert.Equal(first, (await VaultExpect.OkAsync(old))["key"]!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_name_or_version_is_404_key_not_found()
    {
        var kid = Vault.Emulator.CreateKey("known", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        using var name = await Vault.GetKeyAsync($"{Vault.Emulator.VaultUrl}/keys/unknown/0123456789abcdef0123456789abcdef", token);
        await VaultExpect.ErrorAsync(name, HttpStatusCode.NotFound, "KeyNotFound");
        using var version = await Vault.GetKeyAsync(kid[..^32] + "0123456789abcdef0123456789abcdef", token);
        await VaultExpect.ErrorAsync(version, HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task A_disabled_key_is_403_key_disabled()
    {
        var kid = Vault.Emulator.CreateKey("off", new KeySpec("RSA", Enabled: false));
        using var response = await Vault.GetKeyAsync(kid, await Vault.IdentityTokenAsync());
        var error = await VaultExpect.ErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("KeyDisabled", error["innererror"]!["code"]!.GetValue<string>());
    }
}
