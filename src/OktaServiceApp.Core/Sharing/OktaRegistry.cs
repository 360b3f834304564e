using System.Collections.Concurrent;
using OktaServiceApp.Core.Configuration;

namespace OktaServiceApp.Core.Sharing;

/// <summary>
/// What every connection to the same org must share, in one thread-safe object: Okta limits per org, not per connection,
/// and a token or DPoP nonce fetched by one caller serves the next. The engine holds no other mutable state across calls;
/// whoever constructs clients with one registry decides who shares. The module keeps one per process.
/// </summary>
public sealed class OktaRegistry
{
    private readonly ConcurrentDictionary<string, OrgState> _orgs = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _dpopApps = new(StringComparer.Ordinal);
    private long _tokenRequestsSent;

    /// <param name="maxConcurrentRequestsPerOrg">Requests in flight at once to one org, across every connection to it.</param>
    public OktaRegistry(int maxConcurrentRequestsPerOrg = 4)
    {
        if (maxConcurrentRequestsPerOrg < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrentRequestsPerOrg), maxConcurrentRequestsPerOrg,
                "At least one request must be allowed in flight.");
        }

        MaxConcurrentRequestsPerOrg = maxConcurrentRequestsPerOrg;
    }

    public int MaxConcurrentRequestsPerOrg { get; }

    /// <summary>Access tokens, keyed by org, client, scope set and key thumbprint.</summary>
    public TokenCache Tokens { get; } = new();

    /// <summary>Managed identity tokens for Key Vault, shared by every Key Vault key opened with this registry's cache.</summary>
    public IdentityTokenCache IdentityTokens { get; } = new();

    /// <summary>The HTTP clients to Key Vault and the identity endpoints, shared like the org connection pools.</summary>
    internal Keys.KeyVault.KeyVaultTransport KeyVaultTransport { get; } = new();

    /// <summary>How many token POSTs were sent through this registry (tests and the benchmark count them).</summary>
    public long TokenRequestsSent => Interlocked.Read(ref _tokenRequestsSent);

    /// <summary>Says that an app requires DPoP (it was created with -RequireDpop, or Okta said so), so its token requests
    /// carry a proof from the first POST.</summary>
    public void MarkRequiresDpop(Uri orgUrl, string clientId) => _dpopApps[AppKey(orgUrl, clientId)] = 0;

    public bool RequiresDpop(Uri orgUrl, string clientId) => _dpopApps.ContainsKey(AppKey(orgUrl, clientId));

    /// <summary>The latest DPoP-Nonce the org sent, for the next proof.</summary>
    public string? DpopNonce(Uri orgUrl) => Org(orgUrl).DpopNonce;

    public void RememberDpopNonce(Uri orgUrl, string? nonce)
    {
        if (nonce is { Length: > 0 })
        {
            Org(orgUrl).DpopNonce = nonce;
        }
    }

    internal void CountTokenRequest() => Interlocked.Increment(ref _tokenRequestsSent);

    /// <summary>The org's shared rate-limit budget, concurrency and connection pool.</summary>
    internal OrgState Org(Uri orgUrl, Func<DateTimeOffset>? clock = null) =>
        _orgs.GetOrAdd(OrgUrl.ToIssuer(orgUrl), _ => new OrgState(clock ?? (() => DateTimeOffset.UtcNow), MaxConcurrentRequestsPerOrg));

    private static string AppKey(Uri orgUrl, string clientId) => OrgUrl.ToIssuer(orgUrl) + "\n" + clientId;
}
