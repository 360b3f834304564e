using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using OktaServiceApp.Core.Diagnostics;

namespace OktaServiceApp.Core.Http;

/// <summary>
/// The one HTTP client every cmdlet shares: auth, 429 handling with X-Rate-Limit-* pacing, fault retries with back-off,
/// timeouts, cancellation, Okta error parsing, and Link paging. One instance per connection.
/// </summary>
public sealed class OktaClient : IDisposable
{
    /// <summary>The most requests one client sends at once, whatever the options say.</summary>
    internal const int ConcurrencyCap = 75;

    private static readonly string s_version = ReadVersion();

    private readonly HttpClient _http;
    private readonly SemaphoreSlim _concurrency;
    private readonly RateLimitPacer _pacer;
    private readonly object _randomGate = new();
    private readonly Random _random = new();
    private readonly string _orgOrigin;
    private int _disposed;

    public OktaClient(OktaClientOptions options, IOktaCredentials credentials)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        if (options.OrgUrl is null || !options.OrgUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The org URL must be an absolute https:// URL.", nameof(options));
        }

        OrgUrl = options.OrgUrl;
        _orgOrigin = OrgUrl.GetLeftPart(UriPartial.Authority);
        var concurrency = Math.Max(1, Math.Min(ConcurrencyCap, options.MaxConcurrency));
        var handler = options.Handler ?? CreateDefaultHandler(concurrency);
        _http = new HttpClient(handler, disposeHandler: options.Handler is null)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("OktaServiceApp.PowerShell", s_version));
        _concurrency = new SemaphoreSlim(concurrency, concurrency);
        _pacer = new RateLimitPacer(options.Clock, options.MaxApiCapacity);
    }

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

    /// <summary>Sends with retries; returns a 2xx response or throws OktaApiException. OperationCanceledException only
    /// when <paramref name="cancellationToken"/> is cancelled (a timeout is OktaApiException Timeout).</summary>
    public async Task<OktaResponse> SendAsync(OktaRequest request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ThrowIfDisposed();
        var uri = Resolve(request.PathAndQuery);
        var method = request.Method.Method.ToUpperInvariant();
        var path = uri.AbsolutePath;
        var bucket = RateLimitPacer.BucketOf(path);
        var maxRetries = Math.Max(0, Options.MaxRetries);
        var jsonBody = request.ContentFactory is null && request.JsonBody is not null
            ? OktaJson.Serialize(request.JsonBody)
            : null;

        var retries = 0;
        var rateLimitRetries = 0;
        var resent = false;
        var unknownOutcome = false;
        string? retryFor = null;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await AdmitAsync(bucket, cancellationToken).ConfigureAwait(false);
            Attempt attempt;
            try
            {
                await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    attempt = await SendOnceAsync(request, uri, jsonBody, retryFor, rateLimitRetries, cancellationToken)
                        .ConfigureAwait(false);

                    // Before the request leaves the bucket, so requests waiting for its answer see the new limits.
                    if (attempt.Response is { } answered)
                    {
                        ObserveRateLimits(bucket, answered);
                    }
                }
                finally
                {
                    _concurrency.Release();
                }
            }
            finally
            {
                _pacer.Complete(bucket);
            }

            retryFor = null;
            if (attempt.Fault is { } fault)
            {
                Statistics.AddFault();
                unknownOutcome = true;
                var what = fault == OktaErrorKind.Timeout ? "timed out" : "lost the connection";
                OktaObserver.Verbose($"{method} {path} -> {what} ({attempt.ElapsedMs} ms)");
                if (request.RetryFaults && retries < maxRetries)
                {
                    retries++;
                    await WaitAsync(FaultBackoff(retries),
                        $"{(fault == OktaErrorKind.Timeout ? "timeout" : "dropped connection")} on {method} {path}, retry {retries} of {maxRetries}",
                        pacing: false, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw FaultException(fault, attempt.Exception, method, path, retries, request.RetryFaults);
            }

            using var response = attempt.Response!;
            var status = (int)response.StatusCode;
            var body = attempt.Body!;
            var requestId = HeaderParsing.First(response, "X-Okta-Request-Id");
            OktaObserver.Verbose($"{method} {path} -> {status} ({attempt.ElapsedMs} ms)");

            var resend = Credentials.OnResponse(response);

            if (status >= 200 && status <= 299)
            {
                var okResponse = new OktaResponse(response.StatusCode, body, requestId,
                    HeaderParsing.NextLink(HeaderParsing.Values(response, "Link"), uri))
                {
                    Method = method,
                    Path = path,
                    DpopNonce = HeaderParsing.First(response, "DPoP-Nonce"),
                };

                if (!IsWellFormedJson(response, attempt.Bytes))
                {
                    Statistics.AddFault();
                    unknownOutcome = true;
                    if (request.RetryFaults && retries < maxRetries)
                    {
                        retries++;
                        await WaitAsync(FaultBackoff(retries),
                            $"truncated or malformed JSON from {method} {path}, retry {retries} of {maxRetries}",
                            pacing: false, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw okResponse.Malformed("a JSON body that is truncated or malformed", null);
                }

                return okResponse;
            }

            if (resend && !resent && request.AllowCredentialResend)
            {
                resent = true;
                Statistics.AddRetry();
                OktaObserver.Verbose($"{method} {path}: sending again with fresh credentials");
                continue;
            }

            if (status == 429)
            {
                Statistics.AddRateLimited();
                if (retries < maxRetries)
                {
                    retries++;
                    rateLimitRetries++;
                    var (delay, reset, concurrencyLimit) = RateLimitDelay(response, rateLimitRetries);
                    retryFor = requestId;
                    var reason = concurrencyLimit
                        ? $"concurrent rate limit on {bucket}, retry {rateLimitRetries} of {maxRetries}"
                        : $"rate limit on {bucket}, retry {rateLimitRetries} of {maxRetries}";
                    await WaitAsync(delay, reason, pacing: false, cancellationToken).ConfigureAwait(false);
                    if (reset is not null && !concurrencyLimit)
                    {
                        _pacer.WaitedUntilReset(bucket, reset.Value);
                    }

                    continue;
                }

                throw WithOutcome(
                    OktaErrors.FromResponse(response, body, method, path,
                        maxRetries == 0
                            ? "Okta's rate limit was exceeded and retries are off (MaxRetries 0)"
                            : $"Okta's rate limit was still exceeded after {maxRetries} retries; try again later or lower the request rate"),
                    unknownOutcome);
            }

            if (IsRetryableServerError(status))
            {
                Statistics.AddFault();
                if (request.RetryFaults && retries < maxRetries)
                {
                    unknownOutcome = true;
                    retries++;
                    var delay = FaultBackoff(retries);
                    if (HeaderParsing.RetryAfter(response, Options.Clock()) is { } retryAfter && retryAfter > delay)
                    {
                        delay = retryAfter > RateLimitFallbackCap ? RateLimitFallbackCap : retryAfter;
                    }

                    await WaitAsync(delay, $"HTTP {status} on {method} {path}, retry {retries} of {maxRetries}",
                        pacing: false, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            throw WithOutcome(OktaErrors.FromResponse(response, body, method, path), unknownOutcome);
        }
    }

    /// <summary>GETs a list and follows Link rel="next", calling <paramref name="onPage"/> for each page's items as they arrive.</summary>
    public async Task GetPagesAsync(string pathAndQuery, Func<IReadOnlyList<JsonElement>, Task> onPage,
        CancellationToken cancellationToken)
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
            var items = response.ReadArray();
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
        }
    }

    // ---- one attempt --------------------------------------------------------------------------------------------

    private async Task<Attempt> SendOnceAsync(OktaRequest request, Uri uri, string? jsonBody, string? retryFor,
        int retryCount, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, uri);
        if (request.ContentFactory is not null)
        {
            message.Content = request.ContentFactory();
        }
        else if (jsonBody is not null)
        {
            message.Content = new StringContent(jsonBody, new UTF8Encoding(false), "application/json");
        }

        if (retryFor is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Okta-Retry-For", retryFor);
            message.Headers.TryAddWithoutValidation("X-Okta-Retry-Count",
                retryCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Credentials.ApplyAsync(message, cancellationToken).ConfigureAwait(false);
        request.OnAttempt?.Invoke(message);

        var timeout = Options.RequestTimeout;
        using var timeoutSource = new CancellationTokenSource();
        if (timeout > TimeSpan.Zero && timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            timeoutSource.CancelAfter(timeout);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        Statistics.AddRequest();
        var stopwatch = Stopwatch.StartNew();
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);

            // The whole body is read inside the timeout; a stalled read is aborted by disposing the response.
            byte[] bytes;
            using (linked.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
            {
                bytes = await ReadAllAsync(response.Content, linked.Token).ConfigureAwait(false);
            }

            linked.Token.ThrowIfCancellationRequested();
            BufferContent(response, bytes);
            return new Attempt(response, Decode(bytes), stopwatch.ElapsedMilliseconds) { Bytes = bytes };
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            response?.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The operation was cancelled.", ex, cancellationToken);
            }

            var kind = timeoutSource.IsCancellationRequested || ex is OperationCanceledException
                ? OktaErrorKind.Timeout
                : OktaErrorKind.ConnectionFailed;
            return new Attempt(kind, ex, stopwatch.ElapsedMilliseconds);
        }
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException
            or System.Net.Sockets.SocketException or WebException;

    private static async Task<byte[]> ReadAllAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return Array.Empty<byte>();
        }

        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        var expected = content.Headers.ContentLength is long length and > 0 and < int.MaxValue ? (int)length : 0;
        using var buffer = new MemoryStream(expected);
        await stream.CopyToAsync(buffer, 16384, cancellationToken).ConfigureAwait(false);
        // A body of exactly the announced length is handed over without another copy.
        return buffer.Length == buffer.Capacity && buffer.TryGetBuffer(out var whole) && whole.Offset == 0 && whole.Array!.Length == buffer.Length
            ? whole.Array
            : buffer.ToArray();
    }

    /// <summary>Replaces the consumed content with the buffered bytes, so credentials can still read the body.</summary>
    private static void BufferContent(HttpResponseMessage response, byte[] bytes)
    {
        var original = response.Content;
        var buffered = new ByteArrayContent(bytes);
        if (original is not null)
        {
            foreach (var header in original.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            original.Dispose();
        }

        response.Content = buffered;
    }

    private static string Decode(byte[] bytes)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, offset, bytes.Length - offset);
    }

    /// <summary>A 2xx body that claims to be JSON (or looks like it) must parse completely; a truncated one is a fault.</summary>
    private static bool IsWellFormedJson(HttpResponseMessage response, byte[] bytes)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == bytes.Length)
        {
            return true;
        }

        var looksJson = bytes[start] is (byte)'{' or (byte)'[';
        if (!HeaderParsing.IsJsonMediaType(HeaderParsing.ContentType(response)) && !looksJson)
        {
            // Not JSON and not claiming to be: the caller decides (Read/ReadJson throw MalformedResponse).
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes, start, bytes.Length - start),
                new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // ---- waits, pacing, retries ----------------------------------------------------------------------------------

    private async Task AdmitAsync(string bucket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var hold = _pacer.TryAdmit(bucket);
            if (hold is null)
            {
                return;
            }

            if (hold.Answers is { } answers)
            {
                // Waiting for this client's own in-flight answers: short, and too frequent to report. The timer only guards
                // against a lost signal.
                using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timer = Task.Delay(TimeSpan.FromSeconds(1), guard.Token);
                await Task.WhenAny(answers, timer).ConfigureAwait(false);
                guard.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            var used = Options.MaxApiCapacity >= 100
                ? $"{hold.Remaining} of {hold.Limit} requests left in this window"
                : $"{hold.Remaining} of {hold.Limit} requests left, {hold.Reserve} kept for others (MaxApiCapacity {Options.MaxApiCapacity} %)";
            await WaitAsync(hold.Delay, $"pacing {bucket}: {used}", pacing: true, cancellationToken).ConfigureAwait(false);
            _pacer.WaitedUntilReset(bucket, hold.ResetEpoch);
        }
    }

    private async Task WaitAsync(TimeSpan delay, string reason, bool pacing, CancellationToken cancellationToken)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (!pacing)
        {
            Statistics.AddRetry();
        }

        Statistics.AddWait(delay, pacing);
        OktaObserver.Waiting(delay, reason);
        await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
    }

    private void ObserveRateLimits(string bucket, HttpResponseMessage response)
    {
        _pacer.ObserveDate(response.Headers.Date);
        _pacer.Observe(bucket,
            HeaderParsing.MinLong(response, "X-Rate-Limit-Limit"),
            HeaderParsing.MinLong(response, "X-Rate-Limit-Remaining"),
            HeaderParsing.MinLong(response, "X-Rate-Limit-Reset"));
    }

    /// <summary>wait = min(X-Rate-Limit-Reset) − Date + 1 s; a concurrency violation (Limit = Remaining = 0) or missing
    /// headers get a short exponential back-off instead.</summary>
    internal (TimeSpan Delay, long? Reset, bool ConcurrencyLimit) RateLimitDelay(HttpResponseMessage response, int retry)
    {
        var limit = HeaderParsing.MinLong(response, "X-Rate-Limit-Limit");
        var remaining = HeaderParsing.MinLong(response, "X-Rate-Limit-Remaining");
        var reset = HeaderParsing.MinLong(response, "X-Rate-Limit-Reset");
        if (limit == 0 && remaining == 0)
        {
            return (Jitter(Exponential(TimeSpan.FromSeconds(1), retry, TimeSpan.FromSeconds(10))), reset, true);
        }

        if (reset is not null)
        {
            var date = response.Headers.Date ?? _pacer.ServerNow;
            var wait = TimeSpan.FromSeconds(reset.Value - date.ToUnixTimeSeconds() + 1);
            if (response.Headers.Date is null)
            {
                // Local estimate of the server clock has sub-second precision: round up to whole seconds like Date would.
                wait = TimeSpan.FromSeconds(Math.Ceiling((DateTimeOffset.FromUnixTimeSeconds(reset.Value) - date).TotalSeconds) + 1);
            }

            if (wait < TimeSpan.FromSeconds(1))
            {
                wait = TimeSpan.FromSeconds(1);
            }

            return (wait > MaxRateLimitWait ? MaxRateLimitWait : wait, reset, false);
        }

        return (Exponential(TimeSpan.FromSeconds(1), retry, RateLimitFallbackCap), null, false);
    }

    /// <summary>The fault back-off before retry number <paramref name="retry"/>, reported and waited like the client's own.</summary>
    internal Task WaitForRetryAsync(int retry, string reason, CancellationToken cancellationToken) =>
        WaitAsync(FaultBackoff(retry), reason, pacing: false, cancellationToken);

    private TimeSpan FaultBackoff(int retry) => Jitter(Exponential(FaultBackoffBase, retry, FaultBackoffCap));

    private static TimeSpan Exponential(TimeSpan first, int retry, TimeSpan cap)
    {
        var factor = Math.Pow(2, Math.Max(0, Math.Min(30, retry - 1)));
        var ticks = first.Ticks * factor;
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    private TimeSpan Jitter(TimeSpan delay)
    {
        double factor;
        lock (_randomGate)
        {
            factor = 0.75 + (_random.NextDouble() * 0.5);
        }

        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }

    private static bool IsRetryableServerError(int status) => status is 500 or 502 or 503 or 504;

    private static OktaApiException WithOutcome(OktaApiException exception, bool unknownOutcome)
    {
        exception.AfterUnknownOutcome = unknownOutcome;
        return exception;
    }

    private OktaApiException FaultException(OktaErrorKind kind, Exception? inner, string method, string path, int retries,
        bool retryable)
    {
        var attempts = retries == 0 ? "" : $" ({retries + 1} attempts)";
        var unknown = retryable ? "" : "; the request may or may not have been applied";
        var message = kind == OktaErrorKind.Timeout
            ? $"Okta did not answer {method} {path} within {Options.RequestTimeout.TotalSeconds:0.###} s{attempts}{unknown}."
            : $"The connection to Okta failed during {method} {path}{attempts}{unknown}: {Innermost(inner)}";
        return new OktaApiException(kind, message, inner)
        {
            Method = method,
            Path = path,
            AfterUnknownOutcome = true,
        };
    }

    private static string Innermost(Exception? exception)
    {
        if (exception is null)
        {
            return "no details.";
        }

        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        var text = exception.Message.Trim();
        return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
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

    private static HttpMessageHandler CreateDefaultHandler(int concurrency)
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

    private sealed class Attempt
    {
        public Attempt(HttpResponseMessage response, string body, long elapsedMs)
        {
            Response = response;
            Body = body;
            ElapsedMs = elapsedMs;
        }

        public Attempt(OktaErrorKind fault, Exception exception, long elapsedMs)
        {
            Fault = fault;
            Exception = exception;
            ElapsedMs = elapsedMs;
        }

        public HttpResponseMessage? Response { get; }
        public string? Body { get; }
        /// <summary>The body as received, so JSON is checked without encoding it again.</summary>
        public byte[] Bytes { get; init; } = Array.Empty<byte>();
        public OktaErrorKind? Fault { get; }
        public Exception? Exception { get; }
        public long ElapsedMs { get; }
    }
}
