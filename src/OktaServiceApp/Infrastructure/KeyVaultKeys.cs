using System.Security;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Keys.Sources;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>-KeyVaultKeyId and -KeyVaultAccessToken, the same in every cmdlet that takes a key.</summary>
internal static class KeyVaultKeys
{
    /// <summary>The Key Vault key source for the parameters: the passed token, else the managed identity of the environment.
    /// The engine's one registry keeps the managed identity's tokens and the vault's HTTP clients for every call.
    /// Throws KeyException for a key id that is not https (or http on loopback).</summary>
    public static KeyVaultKeySource Source(string keyId, SecureString? accessToken, string? algorithm = null) =>
        new(keyId, Engine.Registry, accessToken is null ? null : KeyVaultCredential.FromAccessToken(accessToken), algorithm);
}
