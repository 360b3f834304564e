namespace OktaEmulator.RateLimiting;

/// <summary>
/// Fixed windows aligned to multiples of WindowSeconds in epoch seconds, so X-Rate-Limit-Reset is an exact
/// instant a client can compute its wait from (reset − Date + 1 s, as Okta's SDKs do).
/// </summary>
internal sealed class FixedWindowRateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one request against its bucket. Refused requests do not count (they were not applied).</summary>
    public RateLimitDecision Acquire(string bucket, RateLimitRule rule, DateTimeOffset now)
    {
        var windowSeconds = Math.Max(1, rule.WindowSeconds);
        var epoch = now.ToUnixTimeSeconds();
        var start = epoch - (((epoch % windowSeconds) + windowSeconds) % windowSeconds);
        var reset = start + windowSeconds;

        lock (_gate)
        {
            if (!_windows.TryGetValue(bucket, out var window) || window.Start != start)
            {
                window = new Window(start, 0);
            }

            var allowed = window.Count < rule.Limit;
            if (allowed)
            {
                window = window with { Count = window.Count + 1 };
            }

            _windows[bucket] = window;
            return new RateLimitDecision(allowed, rule.Limit, Math.Max(0, rule.Limit - window.Count), reset);
        }
    }

    /// <summary>Forgets all counts, e.g. after the rules change.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _windows.Clear();
        }
    }

    private sealed record Window(long Start, int Count);
}

internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, long ResetEpochSeconds);
