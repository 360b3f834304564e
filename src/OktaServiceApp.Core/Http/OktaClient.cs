using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Sharing;

namespace OktaServiceApp.Core.Http;

/// <summary>
/// The one HTTP client every cmdlet shares: auth, 429 handling with X-Rate-Limit-* pacing, fault retries with back-off,
/// timeouts, cancellation, Okta error parsing, and Link paging. One instance per connection.
/// </summary>
/// <remarks>
/// Split by concern: this file holds construction, paging, URLs and disposal; OktaClient.Send.cs the retry loop of
/// <see cref="SendAsync"/>; OktaClient.Attempts.cs one HTTP attempt and its body; OktaClient.Waits.cs admission,
/// pacing and back-off waits.
/// </remarks>
public sealed partial class OktaClient : IDisposable
{
    /// <summary>The most requests one client sends at once, whatever the options say.</summary>
    internal const int ConcurrencyCap = 75;

    private static readonly string s_version = ReadVersion();

    private readonly HttpClient _http;
    private readonly SemaphoreSlim _concurrency;
    private readonly RateLimitPacer _pacer;
    private readonly HttpMessageHandler? _ownHandler;
    private readonly object _randomGate = new();
    private readonly Random _random = new();
    private readonly string _orgOrigin;
    private int _disposed;

    /// <param name="registry">What this client shares with every other client of the same org: rate-limit budget,
    /// requests in flight, connection pool, tokens and DPoP state. A client without one shares nothing.</param>
    public OktaClient(OktaClientOptions options, IOktaCredentials credentials, OktaRegistry? registry = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        if (options.OrgUrl is null || !options.OrgUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The org URL must be an absolute https:// URL.", nameof(options));
        }

        OrgUrl = options.OrgUrl;
        _orgOrigin = OrgUrl.GetLeftPart(UriPartial.Authority);
        Registry = registry ?? new OktaRegistry(Math.Max(1, Math.Min(ConcurrencyCap, options.MaxConcurrency)));
        var org = Registry.Org(OrgUrl, options.Clock);
        HttpMessageHandler handler;
        if (options.Handler is not null)
        {
            handler = options.Handler;
        }
        else
        {
            handler = registry is not null ? org.Handler : _ownHandler = CreateDefaultHandler(Registry.MaxConcurrentRequestsPerOrg);
            ServicePointDefaults.Apply(OrgUrl, Registry.MaxConcurrentRequestsPerOrg);
        }

        _http = new HttpClient(handler, disposeHandler: false)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("OktaServiceApp.PowerShell", s_version));
        _concurrency = org.Concurrency;
        _pacer = org.Pacer;
    }

    /// <summary>The state this client shares with the other clients of its org.</summary>
    public OktaRegistry Registry { get; }

    public Uri OrgUrl { get; }
    public OktaClientOptions Options { get; }
    public IOktaCredentials Credentials { get; }

    /// <summary>Counters of requests, retries, 429s and waits since this client was made.</summary>
    public OktaClientStatistics Statistics { get; } = new();

    /// <summary>The User-Agent product version.</summary>
    internal static string Version => s_version;

    /// <summary>How the client waits (tests replace it to record waits without spending them).</summary>
    internal Func<TimeSpan, CancellationToken, Task> DelayAsync { get; set; } = (delay, token) => Task.Delay(delay, token);

    /// <summary>The first fault back-off; doubles per retry, with ±25 % jitter, up to <see cref="FaultBackoffCap"/>.</summary>
    internal TimeSpan FaultBackoffBase { get; set; } = TimeSpan.FromMilliseconds(500);
    internal TimeSpan FaultBackoffCap { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>The longest wait after a 429 (Okta windows last a minute).</summary>
    internal TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The cap of the 429 fallback back-off when Reset or Date is missing.</summary>
    internal TimeSpan RateLimitFallbackCap { get; set; } = TimeSpan.FromSeconds(60);

    internal RateLimitPacer Pacer => _pacer;

    /// <summary>GETs a list and follows Link rel="next", calling <paramref name="onPage"/> for each page's items as they arrive.</summary>
    public Task GetPagesAsync(string pathAndQuery, Func<IReadOnlyList<JsonElement>, Task> onPage,
        CancellationToken cancellationToken) =>
        GetPagesAsync(pathAndQuery, response => response.ReadArray(), onPage, cancellationToken);

    /// <summary>As <see cref="GetPagesAsync(string, Func{IReadOnlyList{JsonElement}, Task}, CancellationToken)"/>, for a list
    /// whose pages are not plain arrays: <paramref name="readPage"/> takes the items out of each answer.</summary>
    internal async Task GetPagesAsync(string pathAndQuery, Func<OktaResponse, IReadOnlyList<JsonElement>> readPage,
        Func<IReadOnlyList<JsonElement>, Task> onPage, CancellationToken cancellationToken)
    {
        if (onPage is null)
        {
            throw new ArgumentNullException(nameof(onPage));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = pathAndQuery;
        var page = 0;
        while (true)
        {
            var response = await SendAsync(new OktaRequest(HttpMethod.Get, next) { RetryFaults = true }, cancellationToken)
                .ConfigureAwait(false);
            var items = readPage(response);
            page++;
            await onPage(items).ConfigureAwait(false);
            if (response.NextLink is not { } link)
            {
                return;
            }

            if (!IsOnOrg(link))
            {
                throw response.Malformed($"a next-page link to another host ({link.Host})", null);
            }

            if (!seen.Add(Resolve(next).AbsoluteUri) || seen.Contains(link.AbsoluteUri))
            {
                throw response.Malformed("a next-page link that repeats an earlier page", null);
            }

            OktaObserver.Debug($"{response.Path}: page {page} had {items.Count} items; following the next link");
            next = link.OriginalString;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _http.Dispose();
            _ownHandler?.Dispose();
        }
    }

    // ---- URLs ----------------------------------------------------------------------------------------------------

    internal Uri Resolve(string pathAndQuery)
    {
        if (pathAndQuery is null || pathAndQuery.Trim().Length == 0)
        {
            throw new ArgumentException("The request path is empty.", nameof(pathAndQuery));
        }

        if (Uri.TryCreate(pathAndQuery, UriKind.Absolute, out var absolute) &&
            (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            if (!IsOnOrg(absolute))
            {
                throw new ArgumentException(
                    $"Requests go only to the connected org {_orgOrigin}; {absolute.GetLeftPart(UriPartial.Authority)} is another host.",
                    nameof(pathAndQuery));
            }

            return absolute;
        }

        var relative = pathAndQuery[0] == '/' ? pathAndQuery : "/" + pathAndQuery;
        return new Uri(_orgOrigin + relative, UriKind.Absolute);
    }

    private bool IsOnOrg(Uri uri) =>
        string.Equals(uri.GetLeftPart(UriPartial.Authority), _orgOrigin, StringComparison.OrdinalIgnoreCase);

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(OktaClient));
        }
    }

    internal static HttpMessageHandler CreateDefaultHandler(int concurrency)
    {
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        try
        {
            handler.MaxConnectionsPerServer = Math.Max(2, concurrency);
        }
        catch (PlatformNotSupportedException)
        {
        }

        return handler;
    }

    private static string ReadVersion()
    {
        var assembly = typeof(OktaClient).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus > 0 ? version.Substring(0, plus) : version;
    }
}
