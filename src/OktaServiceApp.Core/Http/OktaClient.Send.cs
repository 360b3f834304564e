using OktaServiceApp.Core.Diagnostics;

namespace OktaServiceApp.Core.Http;

// SendAsync's retry loop: what each outcome of an attempt means (return, retry after a wait, or throw), and the
// exceptions it throws.
public sealed partial class OktaClient
{
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
            var answered = false;
            try
            {
                await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    attempt = await SendOnceAsync(request, uri, jsonBody, retryFor, rateLimitRetries, cancellationToken)
                        .ConfigureAwait(false);

                    // Before the request leaves the bucket, so requests waiting for its answer see the new limits.
                    if (attempt.Response is { } answer)
                    {
                        answered = true;
                        ObserveRateLimits(bucket, answer);
                    }
                }
                finally
                {
                    _concurrency.Release();
                }
            }
            finally
            {
                _pacer.Complete(bucket, answered);
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
                    OktaErrorResponse.FromResponse(response, body, method, path,
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

            throw WithOutcome(OktaErrorResponse.FromResponse(response, body, method, path), unknownOutcome);
        }
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
}
