using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Tokens;

/// <summary>
/// client_credentials + private_key_jwt against {org}/oauth2/v1/token, with DPoP when the app needs it, and an in-memory cache
/// keyed by org, client, scope set and key thumbprint, reused until 5 minutes before expiry.
/// </summary>
public sealed class TokenClient
{
    /// <summary>Uses its own HTTP path (no SSWS credentials) but the same retry/rate-limit rules as OktaClient.</summary>
    public TokenClient(Http.OktaClientOptions options) => throw new NotImplementedException();

    /// <summary>A new assertion (and DPoP proof) on every POST, retries included. Costs 1 POST for a Bearer app and at most
    /// 2 for a DPoP app whose need is known, 3 when it must be discovered.</summary>
    public Task<AccessToken> GetAsync(string clientId, SigningKey key, IReadOnlyList<string> scopes, bool forceRefresh,
        CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>How many token POSTs this process has sent (for tests and the benchmark).</summary>
    public static long TokenRequestsSent => throw new NotImplementedException();
}
