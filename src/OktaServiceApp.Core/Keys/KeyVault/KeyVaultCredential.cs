using System.Security;
using OktaServiceApp.Core.Sharing;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>How the module gets Key Vault access tokens: a managed identity, or a token the caller passed. The token itself is
/// never part of a message, a description or a ToString.</summary>
public abstract class KeyVaultCredential
{
    private protected KeyVaultCredential()
    {
    }

    /// <summary>Says which credential without saying anything secret ("managed identity (IDENTITY_ENDPOINT)").</summary>
    public abstract string Description { get; }

    /// <summary>True when a refused token can be replaced by a fresh one (a managed identity); a passed token cannot.</summary>
    internal abstract bool CanRefresh { get; }

    /// <summary>A token for <paramref name="resource"/>; a cached one unless <paramref name="refresh"/>.</summary>
    internal abstract Task<string> GetTokenAsync(string resource, bool refresh, KeyVaultTransport transport, CancellationToken cancellationToken);

    /// <summary>IDENTITY_ENDPOINT + IDENTITY_HEADER when set (App Service, Azure Automation, Functions), else the instance
    /// metadata service (VMs). Its tokens are kept in <paramref name="cache"/>, shared with every credential given it.</summary>
    public static KeyVaultCredential ManagedIdentity(IdentityTokenCache cache, ManagedIdentityOptions? options = null) =>
        new ManagedIdentityCredential(cache, options ?? ManagedIdentityOptions.FromEnvironment());

    /// <summary>A token for https://vault.azure.net the caller got, e.g. Get-AzAccessToken -ResourceUrl https://vault.azure.net -AsSecureString.</summary>
    public static KeyVaultCredential FromAccessToken(SecureString token) => new AccessTokenCredential(token);

    /// <inheritdoc />
    public override string ToString() => Description;
}
