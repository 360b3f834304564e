using System.Text.Json.Nodes;

namespace KeyVaultEmulator.Vault;

/// <summary>What the emulators were asked, counted per route as received (refused calls included), and the answers' statuses.</summary>
public sealed class VaultStats
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _statuses = new();

    /// <summary>GET /keys/{name}[/{version}] requests.</summary>
    public int KeyGets => Route(Routes.GetKey);

    /// <summary>POST /keys/{name}/{version}/sign requests.</summary>
    public int SignRequests => Route(Routes.Sign);

    /// <summary>Signatures the vault made (2xx sign answers).</summary>
    public int Signatures { get { lock (_gate) { return _signatures; } } }

    /// <summary>Token requests to the App Service style endpoint (IDENTITY_ENDPOINT).</summary>
    public int IdentityRequests => Route(Routes.Identity);

    /// <summary>Token requests to the instance metadata endpoint.</summary>
    public int ImdsRequests => Route(Routes.Imds);

    /// <summary>Answers with this status, on any route.</summary>
    public int StatusCount(int status)
    {
        lock (_gate)
        {
            return _statuses.GetValueOrDefault(status);
        }
    }

    private int _signatures;

    internal void Record(string route, int status)
    {
        lock (_gate)
        {
            _routes[route] = _routes.GetValueOrDefault(route) + 1;
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (route == Routes.Sign && status is >= 200 and <= 299)
            {
                _signatures++;
            }
        }
    }

    internal void Reset()
    {
        lock (_gate)
        {
            _routes.Clear();
            _statuses.Clear();
            _signatures = 0;
        }
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            var statuses = new JsonObject();
            foreach (var (status, count) in _statuses.OrderBy(s => s.Key))
            {
                statuses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
            }

            return new JsonObject
            {
                ["keyGets"] = _routes.GetValueOrDefault(Routes.GetKey),
                ["signRequests"] = _routes.GetValueOrDefault(Routes.Sign),
                ["signatures"] = _signatures,
                ["identityRequests"] = _routes.GetValueOrDefault(Routes.Identity),
                ["imdsRequests"] = _routes.GetValueOrDefault(Routes.Imds),
                ["statuses"] = statuses,
            };
        }
    }

    private int Route(string route)
    {
        lock (_gate)
        {
            return _routes.GetValueOrDefault(route);
        }
    }

    internal static class Routes
    {
        public const string GetKey = "GET /keys";
        public const string Sign = "POST /sign";
        public const string Identity = "GET identity";
        public const string Imds = "GET imds";
    }
}
