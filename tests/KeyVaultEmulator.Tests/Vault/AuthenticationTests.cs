namespace KeyVaultEmulator.Tests.Vault;

/// <summary>The vault takes only tokens its identity endpoints issued, for https://vault.azure.net, not yet expired.</summary>
public sealed class AuthenticationTests : VaultTest
{
    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge_naming_the_vault_resource()
    {
        var kid = Vault.Emulator.CreateKey("app-key", KeySpec.Rsa());
        using var response = await Vault.GetKeyAsync(kid, token: null);
        await VaultExpect.ErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("resource=\"https://vault.azure.net\"", challenge.Parameter);
        Assert.Contains("authorization=\"https://", challenge.Parameter);
    }

    [Fact]
    public async Task A_token_the_identity_endpoint_did_not_issue_is_401()
    {
        var kid = Vault.Emulator.CreateKey("app-key", KeySpec.Rsa());
        using var response = await Vault.GetKeyAsync(kid, "kvemu.made-up");
        await VaultExpect.ErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_token_for_another_resource_is_401_invalid_audience()
    {
        var kid = Vault.Emulator.CreateKey("app-key", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync("https://management.azure.com/");
        using var response = await Vault.GetKeyAsync(kid, token);
        var error = await VaultExpect.ErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.StartsWith("AKV10022", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_resource_may_end_with_a_slash()
    {
        var kid = Vault.Emulator.CreateKey("app-key", KeySpec.Rsa());
        using var response = await Vault.GetKeyAsync(kid, await Vault.IdentityTokenAsync("https://vault.azure.net/"));
        await VaultExpect.OkAsync(response);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var kid = Vault.Emulator.CreateKey("app-key", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        Vault.Now += TimeSpan.FromHours(1);
        using var response = await Vault.GetKeyAsync(kid, token);
        await VaultExpect.ErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task Api_version_is_required_and_checked()
    {
        var kid = Vault.Emulator.CreateKey("app-key", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        using var missing = await Vault.SendAsync(HttpMethod.Get, kid, token, null);
        await VaultExpect.ErrorAsync(missing, HttpStatusCode.BadRequest, "BadParameter");
        using var unknown = await Vault.GetKeyAsync(kid, token, apiVersion: "1.0");
        await VaultExpect.ErrorAsync(unknown, HttpStatusCode.BadRequest, "BadParameter");
    }
}
