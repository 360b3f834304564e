namespace OktaEmulator.Faults;

/// <summary>
/// Rolls the dice once per API request, before anything is handled, so a request picked to fail is never applied.
/// One seeded Random under a lock makes a run replayable given the same request order.
/// </summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private Random _random;

    public FaultInjector(int? seed) => _random = seed is { } s ? new Random(s) : new Random();

    public void Reseed(int? seed)
    {
        lock (_gate)
        {
            _random = seed is { } s ? new Random(s) : new Random();
        }
    }

    public FaultKind Decide(FaultOptions faults, PathString path)
    {
        if (faults.PathPrefixes.Length > 0 &&
            !faults.PathPrefixes.Any(p => path.Value?.StartsWith(p, StringComparison.OrdinalIgnoreCase) == true))
        {
            return FaultKind.None;
        }

        var total = faults.ServerError500 + faults.ServiceUnavailable503 + faults.Drop + faults.Truncate + faults.Slow;
        if (total <= 0)
        {
            return FaultKind.None;
        }

        double roll;
        lock (_gate)
        {
            roll = _random.NextDouble();
        }

        // Cumulative bands in a fixed order, so each kind gets its own probability.
        var edge = 0.0;
        foreach (var (kind, p) in new[]
                 {
                     (FaultKind.ServerError500, faults.ServerError500),
                     (FaultKind.ServiceUnavailable503, faults.ServiceUnavailable503),
                     (FaultKind.Drop, faults.Drop),
                     (FaultKind.Truncate, faults.Truncate),
                     (FaultKind.Slow, faults.Slow),
                 })
        {
            edge += Math.Max(0, p);
            if (roll < edge)
            {
                return kind;
            }
        }

        return FaultKind.None;
    }
}
