using System.Security.Cryptography;

namespace KeyVaultEmulator;

/// <summary>How the emulated vault and identity endpoint start. Change behaviour at run time through <see cref="VaultEmulator.Configure"/>.</summary>
public sealed class VaultEmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 lets the OS pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>The secret the App Service style endpoint expects in X-IDENTITY-HEADER (what IDENTITY_HEADER holds).</summary>
    public string IdentityHeader { get; set; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>How long an identity token lives; under the client's refresh margin every open fetches a new one.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The vault's and the identity endpoint's clock (token expiry).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
}
