using KeyVaultEmulator;
using KeyVaultEmulator.Vault;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>A managed identity token that lives less than the refresh margin is never reused.</summary>
public sealed class KeyVaultEmulatorTokenLifetimeTests : KeyVaultEmulatorTests
{
    protected override VaultEmulatorOptions EmulatorOptions() => new() { TokenLifetime = TimeSpan.FromMinutes(4) };

    [Fact]
    public async Task A_token_inside_the_refresh_margin_is_fetched_again_for_every_open()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        await Source(kid).OpenAsync(CancellationToken.None);
        await Source(kid).OpenAsync(CancellationToken.None);
        Assert.Equal(2, Vault.Stats.IdentityRequests);
        Assert.Equal(2, Vault.Stats.KeyGets);
    }
}
