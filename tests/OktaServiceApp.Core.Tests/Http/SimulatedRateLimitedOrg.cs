using System.Net;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>An org with a fixed-window rate limit on a simulated clock.</summary>
internal sealed class SimulatedRateLimitedOrg
{
    private readonly object _gate = new();
    private readonly long _limit;
    private readonly TimeSpan _window;
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private DateTimeOffset _windowStart;
    private long _used;

    public SimulatedRateLimitedOrg(long limit, TimeSpan window, DateTimeOffset start)
    {
        _limit = limit;
        _window = window;
        _start = start;
        _now = start;
        _windowStart = start;
    }

    public int TooMany { get; private set; }
    public int Served { get; private set; }
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return _now - _start;
            }
        }
    }

    public DateTimeOffset Now()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the simulated clock on by a wait. Concurrent waits add up here, which only makes the simulated
    /// run longer (never causes a 429), so bounds on elapsed time are checked for sequential work only.</summary>
    public void Advance(TimeSpan delay)
    {
        lock (_gate)
        {
            _now += delay;
        }
    }

    public HttpResponseMessage Answer()
    {
        lock (_gate)
        {
            while (_now >= _windowStart + _window)
            {
                _windowStart += _window;
                _used = 0;
            }

            var reset = _windowStart + _window;
            if (_used >= _limit)
            {
                TooMany++;
                return Respond.Json((HttpStatusCode)429, Respond.OktaError429, Respond.RateLimit(_limit, 0, reset, _now));
            }

            _used++;
            Served++;
            return Respond.Json(HttpStatusCode.OK, "{}", Respond.RateLimit(_limit, _limit - _used, reset, _now));
        }
    }
}
