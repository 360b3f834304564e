using System.Security;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Keys.Sources;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>-KeyVaultKeyId and -KeyVaultAccessToken, the same in every cmdlet that takes a key.</summary>
internal static class KeyVaultKeys
{
    /// <summary>The Key Vault key source for the parameters: the passed token, else the managed identity of the environment.
    /// Throws KeyException for a key id that is not https (or http on loopback).</summary>
    public static KeyVaultKeySource Source(string keyId, SecureString? accessToken, string? algorithm = null) =>
        new(keyId, Credential(accessToken), algorithm);

    /// <summary>The passed token, else the managed identity, whose tokens the engine's one registry keeps for every call.</summary>
    public static KeyVaultCredential Credential(SecureString? accessToken) =>
        accessToken is null
            ? KeyVaultCredential.ManagedIdentity(Engine.Registry.IdentityTokens)
            : KeyVaultCredential.FromAccessToken(accessToken);
}
