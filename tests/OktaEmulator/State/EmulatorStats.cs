using System.Globalization;
using System.Text.Json.Nodes;
using OktaEmulator.Http;

namespace OktaEmulator;

/// <summary>
/// What reached the org. Deliberately records only method, route template, status, bucket and time:
/// never a header or body, so no Authorization, DPoP or client_assertion value can leak into a test log.
/// </summary>
public sealed class EmulatorStats
{
    /// <summary>Keeps memory flat in long Pester runs; bursts are judged on recent traffic anyway.</summary>
    public const int MaxTimestampsPerBucket = 2000;
    public const int MaxRecentRequests = 2000;

    private readonly object _gate = new();
    private readonly Dictionary<string, long> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _statuses = [];
    private readonly Dictionary<string, long> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _bucketTimes = new(StringComparer.Ordinal);
    private readonly Queue<RequestRecord> _recent = new();
    private long _total;
    private long _writes;
    private int _inFlight;
    private int _maxInFlight;

    public long TotalRequests { get { lock (_gate) { return _total; } } }

    /// <summary>Requests that may change the org (POST, PUT, PATCH, DELETE), answered or not: what "sends no write" counts.</summary>
    public long Writes { get { lock (_gate) { return _writes; } } }
    public int InFlight { get { lock (_gate) { return _inFlight; } } }

    /// <summary>The largest number of API requests being handled at the same moment since the last reset.</summary>
    public int MaxInFlight { get { lock (_gate) { return _maxInFlight; } } }

    public long Count429 => StatusCount(429);

    /// <summary>Requests per route, keyed "METHOD /template" (e.g. "POST /api/v1/apps/{appId}/grants").</summary>
    public IReadOnlyDictionary<string, long> RouteCounts { get { lock (_gate) { return new Dictionary<string, long>(_routes); } } }

    public IReadOnlyDictionary<int, long> StatusCounts { get { lock (_gate) { return new Dictionary<int, long>(_statuses); } } }

    /// <summary>Injected faults by kind: ServerError500, ServiceUnavailable503, Slow, Drop, Truncate.</summary>
    public IReadOnlyDictionary<string, long> FaultCounts { get { lock (_gate) { return new Dictionary<string, long>(_faults); } } }

    public IReadOnlyList<RequestRecord> RecentRequests { get { lock (_gate) { return _recent.ToList(); } } }

    public long RouteCount(string route)
    {
        lock (_gate)
        {
            return _routes.GetValueOrDefault(route);
        }
    }

    public long StatusCount(int status)
    {
        lock (_gate)
        {
            return _statuses.GetValueOrDefault(status);
        }
    }

    public long FaultCount(string kind)
    {
        lock (_gate)
        {
            return _faults.GetValueOrDefault(kind);
        }
    }

    /// <summary>Arrival times of requests in a rate-limit bucket ("apps", "clients", "token", "default"), oldest first, 429s included.</summary>
    public IReadOnlyList<DateTimeOffset> RequestTimestamps(string bucket)
    {
        lock (_gate)
        {
            return _bucketTimes.TryGetValue(bucket, out var times) ? times.ToList() : [];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _routes.Clear();
            _statuses.Clear();
            _faults.Clear();
            _bucketTimes.Clear();
            _recent.Clear();
            _total = 0;
            _writes = 0;
            _maxInFlight = _inFlight;
        }
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            var routes = new JsonObject();
            foreach (var (route, count) in _routes.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                routes[route] = count;
            }

            var statuses = new JsonObject();
            foreach (var (status, count) in _statuses.OrderBy(s => s.Key))
            {
                statuses[status.ToString(CultureInfo.InvariantCulture)] = count;
            }

            var faults = new JsonObject();
            foreach (var (kind, count) in _faults.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                faults[kind] = count;
            }

            var buckets = new JsonObject();
            foreach (var (bucket, times) in _bucketTimes.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                buckets[bucket] = new JsonArray(times.Select(t => (JsonNode?)OktaTime.Format(t)).ToArray());
            }

            return new JsonObject
            {
                ["totalRequests"] = _total,
                ["writes"] = _writes,
                ["inFlight"] = _inFlight,
                ["maxInFlight"] = _maxInFlight,
                ["count429"] = _statuses.GetValueOrDefault(429),
                ["routes"] = routes,
                ["statuses"] = statuses,
                ["faults"] = faults,
                ["requestTimestamps"] = buckets,
                ["recentRequests"] = new JsonArray(_recent.Select(r => (JsonNode?)new JsonObject
                {
                    ["method"] = r.Method,
                    ["route"] = r.Route,
                    ["bucket"] = r.Bucket,
                    ["status"] = r.Status,
                    ["fault"] = r.Fault,
                    ["at"] = OktaTime.Format(r.At),
                }).ToArray()),
            };
        }
    }

    internal void Begin(string route, string bucket, DateTimeOffset at)
    {
        lock (_gate)
        {
            _total++;
            if (!route.StartsWith("GET ", StringComparison.Ordinal) && !route.StartsWith("HEAD ", StringComparison.Ordinal) &&
                !route.StartsWith("OPTIONS ", StringComparison.Ordinal))
            {
                _writes++;
            }

            _routes[route] = _routes.GetValueOrDefault(route) + 1;
            _inFlight++;
            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
            if (!_bucketTimes.TryGetValue(bucket, out var times))
            {
                _bucketTimes[bucket] = times = new Queue<DateTimeOffset>();
            }

            times.Enqueue(at);
            if (times.Count > MaxTimestampsPerBucket)
            {
                times.Dequeue();
            }
        }
    }

    internal void RecordFault(string kind)
    {
        lock (_gate)
        {
            _faults[kind] = _faults.GetValueOrDefault(kind) + 1;
        }
    }

    /// <summary>Ends a request; <paramref name="status"/> is null for a dropped or truncated answer (the client got no status).</summary>
    internal void End(RequestRecord record)
    {
        lock (_gate)
        {
            _inFlight--;
            if (record.Status is { } status)
            {
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            }

            _recent.Enqueue(record);
            if (_recent.Count > MaxRecentRequests)
            {
                _recent.Dequeue();
            }
        }
    }
}

/// <summary>One handled request, as recorded: no headers, no bodies.</summary>
public sealed record RequestRecord(string Method, string Route, string Bucket, int? Status, string? Fault, DateTimeOffset At);
