namespace KeyVaultEmulator.Tests.Vault;

/// <summary>Azure RBAC on the vault: Key Vault Crypto User reads and signs, Key Vault Reader only reads, no role does neither.</summary>
public sealed class RoleTests : VaultTest
{
    [Fact]
    public async Task Without_a_role_get_and_sign_are_403_forbidden_by_rbac()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        Vault.Emulator.Role = VaultRole.None;
        using var get = await Vault.GetKeyAsync(kid, token);
        var error = await VaultExpect.ErrorAsync(get, HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("ForbiddenByRbac", error["innererror"]!["code"]!.GetValue<string>());
        using var sign = await Vault.SignAsync(kid, token, "RS256", new byte[32]);
        await VaultExpect.ErrorAsync(sign, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task A_reader_gets_the_key_but_may_not_sign()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        Vault.Emulator.Role = VaultRole.Reader;
        using var get = await Vault.GetKeyAsync(kid, token);
        await VaultExpect.OkAsync(get);
        using var sign = await Vault.SignAsync(kid, token, "RS256", new byte[32]);
        var error = await VaultExpect.ErrorAsync(sign, HttpStatusCode.Forbidden, "Forbidden");
        Assert.Contains("keys/sign/action", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_role_is_checked_after_the_token_so_no_token_stays_401()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        Vault.Emulator.Role = VaultRole.None;
        using var response = await Vault.GetKeyAsync(kid, token: null);
        await VaultExpect.ErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
    }
}
