namespace KeyVaultEmulator.Tests.Support;

/// <summary>A fresh emulator for every test (xunit makes a class instance per test), so role, throttle and counters never leak.</summary>
public abstract class VaultTest : IAsyncLifetime
{
    protected VaultFixture Vault { get; } = new();

    public Task InitializeAsync() => Vault.InitializeAsync();

    public Task DisposeAsync() => Vault.DisposeAsync();
}
