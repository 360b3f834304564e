using System.Security;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Keys.Sources;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>-KeyVaultKeyId and -KeyVaultAccessToken, the same in every cmdlet that takes a key.</summary>
internal static class KeyVaultKeys
{
    /// <summary>The Key Vault key source for the parameters: the passed token, else the managed identity of the environment.
    /// Throws KeyException for a key id that is not https (or http on loopback).</summary>
    public static KeyVaultKeySource Source(string keyId, SecureString? accessToken) =>
        new(keyId, accessToken is null ? null : KeyVaultCredential.FromAccessToken(accessToken));
}
