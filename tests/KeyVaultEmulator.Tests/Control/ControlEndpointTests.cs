namespace KeyVaultEmulator.Tests.Control;

/// <summary>/__emulator/* lets another process create keys, set the role and throttle, read and reset the counters.</summary>
public sealed class ControlEndpointTests : VaultTest
{
    [Fact]
    public async Task Keys_config_and_stats_work_over_http_and_are_not_counted()
    {
        using var created = await PostAsync("/__emulator/keys", "{\"name\":\"from-pester\",\"kty\":\"EC\",\"crv\":\"P-384\"}");
        var kid = (await VaultExpect.OkAsync(created))["key"]!["kid"]!.GetValue<string>();
        Assert.StartsWith(Vault.Emulator.VaultUrl + "/keys/from-pester/", kid);

        using var config = await Vault.SendAsync(HttpMethod.Put, Vault.Emulator.VaultUrl + "/__emulator/config", null,
            "{\"role\":\"Reader\",\"throttle\":{\"count\":1,\"retryAfterSeconds\":0}}");
        Assert.Equal(HttpStatusCode.NoContent, config.StatusCode);
        Assert.Equal(VaultRole.Reader, Vault.Emulator.Role);

        var token = await Vault.IdentityTokenAsync();
        using var throttled = await Vault.GetKeyAsync(kid, token);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        using var read = await Vault.GetKeyAsync(kid, token);
        await VaultExpect.OkAsync(read);
        using var sign = await Vault.SignAsync(kid, token, "ES384", new byte[48]);
        Assert.Equal(HttpStatusCode.Forbidden, sign.StatusCode);

        using var statsResponse = await Vault.SendAsync(HttpMethod.Get, Vault.Emulator.VaultUrl + "/__emulator/stats", null, null);
        var stats = await VaultExpect.OkAsync(statsResponse);
        Assert.Equal(2, stats["keyGets"]!.GetValue<int>());
        Assert.Equal(1, stats["signRequests"]!.GetValue<int>());
        Assert.Equal(0, stats["signatures"]!.GetValue<int>());
        Assert.Equal(1, stats["identityRequests"]!.GetValue<int>());
        Assert.Equal(1, stats["statuses"]!["429"]!.GetValue<int>());

        using var tokensResponse = await Vault.SendAsync(HttpMethod.Get, Vault.Emulator.VaultUrl + "/__emulator/tokens", null, null);
        Assert.Equal([token], (await VaultExpect.OkAsync(tokensResponse))["tokens"]!.AsArray().Select(t => t!.GetValue<string>()));

        using var reset = await PostAsync("/__emulator/reset", "");
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, Vault.Emulator.Stats.KeyGets);
        Assert.Equal(VaultRole.CryptoUser, Vault.Emulator.Role);
        using var oldToken = await Vault.GetKeyAsync(kid, token);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        using var gone = await Vault.GetKeyAsync(kid, await Vault.IdentityTokenAsync());
        await VaultExpect.ErrorAsync(gone, HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task A_bad_key_spec_or_config_is_400()
    {
        using var badKey = await PostAsync("/__emulator/keys", "{\"name\":\"k\",\"kty\":\"RSA\",\"size\":1024}");
        await VaultExpect.ErrorAsync(badKey, HttpStatusCode.BadRequest, "BadParameter");
        using var badRole = await Vault.SendAsync(HttpMethod.Put, Vault.Emulator.VaultUrl + "/__emulator/config", null, "{\"role\":\"Owner\"}");
        await VaultExpect.ErrorAsync(badRole, HttpStatusCode.BadRequest, "BadParameter");
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Vault.SendAsync(HttpMethod.Post, Vault.Emulator.VaultUrl + path, null, json);
}
