using System.Security;
using OktaServiceApp.Core.Secrets;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>A Key Vault token the caller passed. Kept as a read-only SecureString copy; turned into text only for the request
/// header it goes into.</summary>
internal sealed class AccessTokenCredential : KeyVaultCredential
{
    private readonly SecureString _token;

    public AccessTokenCredential(SecureString token)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        if (token.Length == 0)
        {
            throw new KeyException(KeyProblem.KeyVaultUnauthorized,
                "The Key Vault access token is empty. Pass a token for https://vault.azure.net, e.g. " +
                "(Get-AzAccessToken -ResourceUrl https://vault.azure.net -AsSecureString).Token.");
        }

        _token = token.Copy();
        _token.MakeReadOnly();
    }

    public override string Description => "the Key Vault access token given";

    internal override bool CanRefresh => false;

    internal override Task<string> GetTokenAsync(string resource, bool refresh, KeyVaultTransport transport, CancellationToken cancellationToken)
    {
        var text = SecureText.ToPlain(_token).Trim();
        // Get-AzAccessToken's token is bare; a pasted "Bearer eyJ..." still works.
        return Task.FromResult(text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text.Substring(7).Trim() : text);
    }
}
