using System.Net;
using System.Net.Http.Headers;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>
/// Plain HttpClient to Key Vault and to the identity endpoints (no Azure SDK: Azure.Core and MSAL are the assemblies that clash
/// between Az and Microsoft.Graph in one session). Throttling (429, 503 with Retry-After) and transient failures are retried a
/// bounded number of times; a wait longer than <see cref="MaxRetryWait"/> is not waited for. Redirects are never followed, so
/// a token is only ever sent to the host it was meant for. One instance per <see cref="Sharing.OktaRegistry"/> holds the
/// connection pools, so whoever owns the registry owns them; nothing here is process-wide.
/// </summary>
internal sealed class KeyVaultTransport
{
    private readonly Lazy<HttpClient> _vault = new(() => NewClient(useProxy: true), LazyThreadSafetyMode.ExecutionAndPublication);
    // The identity endpoints are local to the machine (loopback, or the link-local metadata address): never through a proxy.
    private readonly Lazy<HttpClient> _identity = new(() => NewClient(useProxy: false), LazyThreadSafetyMode.ExecutionAndPublication);

    public int MaxRetries { get; set; } = 3;
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How retries wait (tests record the waits instead of spending them).</summary>
    public Func<TimeSpan, CancellationToken, Task> DelayAsync { get; set; } = (delay, token) => Task.Delay(delay, token);
    /// <summary>Retries made since this transport was created (tests count them).</summary>
    public int Retries => _retries;

    private int _retries;

    /// <summary>Sends a fresh request from <paramref name="make"/> per attempt. Throws <see cref="KeyException"/> with
    /// <paramref name="unreachable"/> when no answer came after the retries; answers (errors included) are returned.</summary>
    public async Task<KeyVaultAnswer> SendAsync(Func<HttpRequestMessage> make, bool identity, KeyProblem unreachable, string what,
        CancellationToken cancellationToken, TimeSpan? timeout = null, bool retryUnanswered = true)
    {
        var http = identity ? _identity.Value : _vault.Value;
        for (var attempt = 0; ; attempt++)
        {
            KeyVaultAnswer? answer = null;
            Exception? failure = null;
            using (var request = make())
            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                ServicePointDefaults.Apply(request.RequestUri!, 4);
                timer.CancelAfter(timeout ?? RequestTimeout);
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timer.Token).ConfigureAwait(false);
                    var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    answer = new KeyVaultAnswer((int)response.StatusCode, body, RetryAfter(response),
                        response.Headers.WwwAuthenticate.Any(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException($"{what} did not answer within {(timeout ?? RequestTimeout).TotalSeconds:0} s.");
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                }
            }

            var wait = Backoff(attempt);
            if (answer is not null)
            {
                if (!answer.IsTransient || attempt >= MaxRetries)
                {
                    return answer;
                }

                wait = answer.RetryAfter ?? wait;
                if (wait > MaxRetryWait)
                {
                    return answer;
                }
            }
            else if (!retryUnanswered || attempt >= MaxRetries)
            {
                // The exception's own text names the host and the socket error, never a header.
                throw new KeyException(unreachable, $"{what} could not be reached: {failure!.Message}", failure);
            }

            Interlocked.Increment(ref _retries);
            await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(8, 1 << attempt));

    // The engine's one Retry-After reading (a date is measured from the answer's Date header when there is one); a date
    // already past means now.
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var wait = HeaderParsing.RetryAfter(response, DateTimeOffset.UtcNow);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static HttpClient NewClient(bool useProxy)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = useProxy,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("OktaServiceApp.PowerShell", OktaClient.Version));
        return http;
    }
}
