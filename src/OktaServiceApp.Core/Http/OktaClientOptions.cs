namespace OktaServiceApp.Core.Http;

public sealed class OktaClientOptions
{
    public OktaClientOptions(Uri orgUrl)
    {
        OrgUrl = orgUrl;
    }

    public Uri OrgUrl { get; }
    /// <summary>429 and fault retries per call. Okta SDK env var: OKTA_CLIENT_RATELIMIT_MAXRETRIES.</summary>
    public int MaxRetries { get; set; } = 4;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
    /// <summary>Percent of each rate-limit bucket this client may use, leaving the rest for other tools (1-100).</summary>
    public int MaxApiCapacity { get; set; } = 100;
    /// <summary>Requests in flight at once across this client.</summary>
    public int MaxConcurrency { get; set; } = 4;
    /// <summary>For tests: a custom handler (the default is a pooled SocketsHttpHandler/HttpClientHandler).</summary>
    public HttpMessageHandler? Handler { get; set; }
    /// <summary>For tests: the clock used for token expiry and pacing.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
}
