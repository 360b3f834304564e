using System.Net.Http.Headers;
using System.Text;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>One Key Vault request with its bearer token. A managed identity's token that the vault refuses (revoked or expired
/// early) is replaced once; a passed token is not, and its 401 goes back to the caller.</summary>
internal static class KeyVaultCall
{
    public static async Task<KeyVaultAnswer> SendAsync(KeyVaultCredential credential, KeyVaultTransport transport, KeyVaultKeyId key,
        HttpMethod method, Uri url, string? json, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(key.Resource, refresh: false, transport, cancellationToken).ConfigureAwait(false);
        var answer = await SendOnceAsync(token, transport, key, method, url, json, cancellationToken).ConfigureAwait(false);
        if (answer.Status == 401 && credential.CanRefresh)
        {
            token = await credential.GetTokenAsync(key.Resource, refresh: true, transport, cancellationToken).ConfigureAwait(false);
            answer = await SendOnceAsync(token, transport, key, method, url, json, cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

    private static Task<KeyVaultAnswer> SendOnceAsync(string token, KeyVaultTransport transport, KeyVaultKeyId key, HttpMethod method,
        Uri url, string? json, CancellationToken cancellationToken) =>
        transport.SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return request;
        }, identity: false, KeyProblem.KeyVaultUnavailable, $"Key Vault {key.Vault.Host}", cancellationToken);
}
