namespace OktaServiceApp.Core.Http;

/// <summary>
/// Tracks X-Rate-Limit-* per bucket and holds requests before a bucket runs dry, so bulk work stays under the limit
/// instead of collecting 429s. Reset times are epoch seconds on the server's clock; the server clock is estimated from
/// the Date header of responses (offset = server Date - local clock).
/// </summary>
internal sealed class RateLimitPacer
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _clock;
    private readonly int _maxApiCapacity;
    private TimeSpan? _serverOffset;

    public RateLimitPacer(Func<DateTimeOffset> clock, int maxApiCapacity)
    {
        _clock = clock;
        _maxApiCapacity = Math.Max(1, Math.Min(100, maxApiCapacity));
    }

    /// <summary>Extra time added to pacing holds, beyond the bucket's reset second.</summary>
    public TimeSpan PacingMargin { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest single pacing hold.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(2);

    /// <summary>The bucket of a request path: apps, clients, token or default.</summary>
    public static string BucketOf(string absolutePath)
    {
        if (StartsWithSegment(absolutePath, "/api/v1/apps"))
        {
            return "apps";
        }

        if (StartsWithSegment(absolutePath, "/oauth2/v1/clients"))
        {
            return "clients";
        }

        if (absolutePath.Equals("/oauth2/v1/token", StringComparison.OrdinalIgnoreCase) ||
            absolutePath.Equals("/oauth2/v1/token/", StringComparison.OrdinalIgnoreCase))
        {
            return "token";
        }

        return "default";
    }

    private static bool StartsWithSegment(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
        (path.Length == prefix.Length || path[prefix.Length] == '/' || path[prefix.Length] == '?');

    /// <summary>The server's current time, as far as the responses seen so far tell.</summary>
    public DateTimeOffset ServerNow
    {
        get
        {
            lock (_gate)
            {
                return _clock() + (_serverOffset ?? TimeSpan.Zero);
            }
        }
    }

    /// <summary>Records the server Date of a response.</summary>
    public void ObserveDate(DateTimeOffset? serverDate)
    {
        if (serverDate is null)
        {
            return;
        }

        var offset = serverDate.Value - _clock();
        lock (_gate)
        {
            // Date has one-second resolution and is stamped before the response travels, so each sample is a little
            // early: keep the largest recent sample, unless the clocks jumped.
            if (_serverOffset is null || offset > _serverOffset.Value ||
                (_serverOffset.Value - offset).Duration() > TimeSpan.FromSeconds(5))
            {
                _serverOffset = offset;
            }
        }
    }

    /// <summary>Records X-Rate-Limit-Limit/Remaining/Reset of a response (successful or not).</summary>
    public void Observe(string bucketName, long? limit, long? remaining, long? reset)
    {
        if (limit is null || remaining is null || reset is null)
        {
            return;
        }

        if (limit.Value <= 0)
        {
            // Limit and Remaining 0 report a concurrency violation; the reset is only a suggestion (handled by the caller).
            return;
        }

        lock (_gate)
        {
            var bucket = GetBucket(bucketName);
            if (!bucket.Known || bucket.Rolled || reset.Value > bucket.ResetEpoch)
            {
                bucket.Known = true;
                bucket.Rolled = false;
                bucket.Limit = limit.Value;
                bucket.Remaining = remaining.Value;
                bucket.ResetEpoch = reset.Value;
            }
            else if (reset.Value == bucket.ResetEpoch)
            {
                // Same window: responses can arrive out of order, so the smallest remaining is the newest.
                bucket.Limit = limit.Value;
                bucket.Remaining = Math.Min(bucket.Remaining, remaining.Value);
            }
            else if (limit.Value != bucket.Limit)
            {
                // An earlier reset with another limit is a new rule for the bucket (the org's limits changed while other
                // connections had learned the old ones): the answer knows more than the remembered window.
                bucket.Limit = limit.Value;
                bucket.Remaining = remaining.Value;
                bucket.ResetEpoch = reset.Value;
            }
        }
    }

    /// <summary>Either admits the request (counts it in flight and returns null) or says how long to hold it.
    /// <paramref name="maxApiCapacity"/> is the caller's share when clients with different shares pace one org together.</summary>
    public Hold? TryAdmit(string bucketName, int? maxApiCapacity = null)
    {
        lock (_gate)
        {
            var bucket = GetBucket(bucketName);
            if (!bucket.Known)
            {
                // The first request of a bucket probes its limit alone; if answers carry no limits, all may go.
                if (bucket.Probed || bucket.InFlight == 0)
                {
                    bucket.InFlight++;
                    return null;
                }

                return Hold.ForAnswers(ChangedSignal(bucket));
            }

            var serverNowEpoch = (_clock() + (_serverOffset ?? TimeSpan.Zero)).ToUnixTimeMilliseconds() / 1000.0;
            if (!bucket.Rolled && serverNowEpoch >= bucket.ResetEpoch)
            {
                // The window has passed: assume a fresh one until a response says otherwise.
                RollOver(bucket);
            }

            if (bucket.Stale)
            {
                // A new window may come with another limit (clients sharing an org, a changed rate-limit setting): one
                // request learns it before the rest spend on the old numbers.
                if (bucket.InFlight == 0)
                {
                    bucket.InFlight++;
                    return null;
                }

                return Hold.ForAnswers(ChangedSignal(bucket));
            }

            var reserve = Reserve(bucket.Limit, maxApiCapacity ?? _maxApiCapacity);
            if (bucket.Remaining - bucket.InFlight - 1 >= reserve)
            {
                bucket.InFlight++;
                return null;
            }

            if (bucket.Rolled || (bucket.InFlight > 0 && bucket.Remaining - 1 >= reserve))
            {
                // Only this client's own in-flight requests fill the budget: their answers tell whether more may go.
                return Hold.ForAnswers(ChangedSignal(bucket));
            }

            var wait = TimeSpan.FromSeconds(bucket.ResetEpoch - serverNowEpoch) + PacingMargin;
            if (wait < TimeSpan.FromMilliseconds(50))
            {
                wait = TimeSpan.FromMilliseconds(50);
            }
            else if (wait > MaxHold)
            {
                // Okta windows last a minute; a longer hold means the clocks disagree. Waiting this long and then assuming a
                // fresh window self-corrects.
                wait = MaxHold;
            }

            return Hold.UntilReset(wait, bucket.ResetEpoch, bucket.Limit, bucket.Remaining, reserve);
        }
    }

    /// <summary>A hold until <paramref name="resetEpoch"/> has elapsed: unless a newer response moved the window on,
    /// the bucket starts a fresh window.</summary>
    public void WaitedUntilReset(string bucketName, long resetEpoch)
    {
        lock (_gate)
        {
            var bucket = GetBucket(bucketName);
            if (bucket.Known && !bucket.Rolled && bucket.ResetEpoch <= resetEpoch)
            {
                RollOver(bucket);
            }
        }
    }

    /// <summary>An admitted request is over. <paramref name="answered"/> is false when no response came back (a dropped
    /// connection, a timeout).</summary>
    public void Complete(string bucketName, bool answered = true)
    {
        TaskCompletionSource<bool>? changed;
        lock (_gate)
        {
            var bucket = GetBucket(bucketName);
            if (bucket.InFlight > 0)
            {
                bucket.InFlight--;
            }

            if (!answered && bucket.Known && bucket.Remaining > 0)
            {
                // The org counted the request before the connection went: without an answer to say so, count it here,
                // or the window gets one request more than its limit.
                bucket.Remaining--;
            }

            bucket.Probed = true;
            bucket.Stale = false;
            changed = bucket.Changed;
            bucket.Changed = null;
        }

        changed?.TrySetResult(true);
    }

    private static Task ChangedSignal(Bucket bucket)
    {
        bucket.Changed ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return bucket.Changed.Task;
    }

    /// <summary>For tests and diagnostics.</summary>
    public (long Limit, long Remaining, long ResetEpoch, int InFlight, bool Known) Snapshot(string bucketName)
    {
        lock (_gate)
        {
            var bucket = GetBucket(bucketName);
            return (bucket.Limit, bucket.Remaining, bucket.ResetEpoch, bucket.InFlight, bucket.Known);
        }
    }

    private static long Reserve(long limit, int maxApiCapacity) =>
        limit * (100 - Math.Max(1, Math.Min(100, maxApiCapacity))) / 100;

    private static void RollOver(Bucket bucket)
    {
        bucket.Rolled = true;
        bucket.Stale = true;
        bucket.Remaining = bucket.Limit;
    }

    private Bucket GetBucket(string name)
    {
        if (!_buckets.TryGetValue(name, out var bucket))
        {
            bucket = new Bucket();
            _buckets[name] = bucket;
        }

        return bucket;
    }

    private sealed class Bucket
    {
        public bool Known;
        /// <summary>A request of this bucket has completed (so a bucket without limit headers is not probed again).</summary>
        public bool Probed;
        /// <summary>Completed when an in-flight request of this bucket finishes.</summary>
        public TaskCompletionSource<bool>? Changed;
        /// <summary>The last known window has passed and no response of the new one has arrived yet.</summary>
        public bool Rolled;
        /// <summary>Rolled over by the clock and not yet confirmed by an answer.</summary>
        public bool Stale;
        public long Limit;
        public long Remaining;
        public long ResetEpoch;
        public int InFlight;
    }

    public sealed class Hold
    {
        private Hold(TimeSpan delay, Task? answers, long resetEpoch, long limit, long remaining, long reserve)
        {
            Delay = delay;
            Answers = answers;
            ResetEpoch = resetEpoch;
            Limit = limit;
            Remaining = remaining;
            Reserve = reserve;
        }

        public static Hold UntilReset(TimeSpan delay, long resetEpoch, long limit, long remaining, long reserve) =>
            new(delay, null, resetEpoch, limit, remaining, reserve);

        public static Hold ForAnswers(Task answers) => new(TimeSpan.Zero, answers, 0, 0, 0, 0);

        /// <summary>How long to wait for the window to reset (when <see cref="Answers"/> is null).</summary>
        public TimeSpan Delay { get; }
        /// <summary>Completes when an in-flight request of the bucket finishes; wait for it instead of a delay.</summary>
        public Task? Answers { get; }
        public long ResetEpoch { get; }
        public long Limit { get; }
        public long Remaining { get; }
        public long Reserve { get; }
    }
}
