using System.Text;
using KeyVaultEmulator;
using KeyVaultEmulator.Vault;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>A cached managed identity token the vault refuses (revoked, or expired by the vault's clock) is replaced once.</summary>
public sealed class KeyVaultEmulatorTokenRefreshTests : KeyVaultEmulatorTests
{
    private DateTimeOffset _vaultNow = DateTimeOffset.UtcNow;

    protected override VaultEmulatorOptions EmulatorOptions() => new() { Clock = () => _vaultNow };

    [Fact]
    public async Task A_token_the_vault_sees_as_expired_is_replaced_once_and_the_signature_goes_through()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var signer = await Source(kid).OpenAsync(CancellationToken.None);
        _vaultNow += TimeSpan.FromHours(2);
        await signer.SignAsync(Encoding.ASCII.GetBytes("header.payload"), CancellationToken.None);
        Assert.Equal(2, Vault.Stats.SignRequests);
        Assert.Equal(1, Vault.Stats.Signatures);
        Assert.Equal(2, Vault.Stats.IdentityRequests);
    }
}
