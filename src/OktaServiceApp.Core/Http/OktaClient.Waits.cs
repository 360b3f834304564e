using OktaServiceApp.Core.Diagnostics;

namespace OktaServiceApp.Core.Http;

// Every wait the client makes: admission by the pacer, 429 waits from the X-Rate-Limit-* headers, and the jittered
// exponential back-off after faults.
public sealed partial class OktaClient
{
    private async Task AdmitAsync(string bucket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var hold = _pacer.TryAdmit(bucket, Options.MaxApiCapacity);
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
}
