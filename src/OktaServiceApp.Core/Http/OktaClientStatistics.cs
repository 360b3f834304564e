namespace OktaServiceApp.Core.Http;

/// <summary>Counters of one <see cref="OktaClient"/>, for -Verbose summaries, tests and benchmarks. Thread-safe.</summary>
public sealed class OktaClientStatistics
{
    private long _requests;
    private long _retries;
    private long _rateLimited429;
    private long _faults;
    private long _waits;
    private long _pacingWaits;
    private long _totalWaitTicks;

    /// <summary>HTTP attempts sent (each retry counts).</summary>
    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>Attempts that repeated an earlier one (after a 429, a fault, or a credentials refresh).</summary>
    public long Retries => Interlocked.Read(ref _retries);
    /// <summary>429 responses received.</summary>
    public long RateLimited429 => Interlocked.Read(ref _rateLimited429);
    /// <summary>5xx responses, timeouts and dropped connections.</summary>
    public long Faults => Interlocked.Read(ref _faults);
    /// <summary>Waits of any kind (429 back-off, fault back-off, pacing).</summary>
    public long Waits => Interlocked.Read(ref _waits);
    /// <summary>Requests held back by pacing before they were sent.</summary>
    public long PacingWaits => Interlocked.Read(ref _pacingWaits);
    /// <summary>The sum of all waits (concurrent waits add up).</summary>
    public TimeSpan TotalWait => TimeSpan.FromTicks(Interlocked.Read(ref _totalWaitTicks));

    internal void AddRequest() => Interlocked.Increment(ref _requests);
    internal void AddRetry() => Interlocked.Increment(ref _retries);
    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited429);
    internal void AddFault() => Interlocked.Increment(ref _faults);

    internal void AddWait(TimeSpan delay, bool pacing)
    {
        Interlocked.Increment(ref _waits);
        if (pacing)
        {
            Interlocked.Increment(ref _pacingWaits);
        }

        Interlocked.Add(ref _totalWaitTicks, delay.Ticks);
    }

    public override string ToString() =>
        $"{Requests} requests, {Retries} retries, {RateLimited429} x 429, {Faults} faults, {Waits} waits ({TotalWait.TotalSeconds:0.0} s)";
}
