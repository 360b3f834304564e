using System.Security;
using KeyVaultEmulator;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.Core.Sharing;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>A fresh Key Vault + managed identity emulator per test, and key sources that reach it through a transport whose
/// waits are recorded, not spent.</summary>
public abstract class KeyVaultEmulatorTests : IAsyncLifetime
{
    private VaultEmulator? _vault;

    protected VaultEmulator Vault => _vault ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>The registry every key source of this test shares, as the module's engine shares one.</summary>
    protected OktaRegistry Registry { get; } = new();

    /// <summary>The managed identity tokens every credential of this test shares, as the module's registry shares them.</summary>
    protected IdentityTokenCache IdentityTokens => Registry.IdentityTokens;

    /// <summary>Every wait a retry asked for, in order.</summary>
    protected List<TimeSpan> Waits { get; } = new();

    protected virtual VaultEmulatorOptions EmulatorOptions() => new();

    public async Task InitializeAsync() => _vault = await VaultEmulator.StartAsync(EmulatorOptions());

    public async Task DisposeAsync()
    {
        if (_vault is not null)
        {
            await _vault.DisposeAsync();
        }
    }

    /// <summary>The App Service / Automation identity: IDENTITY_ENDPOINT and IDENTITY_HEADER.</summary>
    protected KeyVaultCredential AppServiceIdentity(string? header = null) => KeyVaultCredential.ManagedIdentity(IdentityTokens, new ManagedIdentityOptions
    {
        IdentityEndpoint = new Uri(Vault.IdentityEndpoint),
        IdentityHeader = header ?? Vault.IdentityHeader,
    });

    /// <summary>The VM identity: the instance metadata service at the emulator's address.</summary>
    protected KeyVaultCredential ImdsIdentity() =>
        KeyVaultCredential.ManagedIdentity(IdentityTokens, new ManagedIdentityOptions { ImdsEndpoint = new Uri(Vault.ImdsEndpoint) });

    protected static KeyVaultCredential PassedToken(string token)
    {
        using var secure = new SecureString();
        foreach (var c in token)
        {
            secure.AppendChar(c);
        }

        return KeyVaultCredential.FromAccessToken(secure);
    }

    protected KeyVaultKeySource Source(string kid, KeyVaultCredential? credential = null, string? algorithm = null) =>
        new(kid, Registry, credential ?? AppServiceIdentity(), algorithm)
        {
            Transport = new KeyVaultTransport
            {
                DelayAsync = (wait, _) =>
                {
                    Waits.Add(wait);
                    return Task.CompletedTask;
                },
            },
        };
}
