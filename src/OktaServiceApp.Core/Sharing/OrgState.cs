using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Sharing;

/// <summary>One org's share of the registry: one pacer over its rate-limit buckets, one bound on requests in flight, one
/// connection pool, and the last DPoP nonce it sent.</summary>
internal sealed class OrgState
{
    private readonly Lazy<HttpMessageHandler> _handler;
    private string? _dpopNonce;

    public OrgState(Func<DateTimeOffset> clock, int maxConcurrency)
    {
        Pacer = new RateLimitPacer(clock, 100);
        Concurrency = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _handler = new Lazy<HttpMessageHandler>(() => OktaClient.CreateDefaultHandler(maxConcurrency), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RateLimitPacer Pacer { get; }

    public SemaphoreSlim Concurrency { get; }

    /// <summary>Shared by every client of the org and never disposed with one of them, so sockets are reused.</summary>
    public HttpMessageHandler Handler => _handler.Value;

    public string? DpopNonce
    {
        get => Volatile.Read(ref _dpopNonce);
        set => Volatile.Write(ref _dpopNonce, value);
    }
}
