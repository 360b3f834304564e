using System.Security.Cryptography;
using KeyVaultEmulator.Identity;
using KeyVaultEmulator.Vault;

namespace KeyVaultEmulator.Hosting;

/// <summary>Everything the emulators hold, behind one lock: keys and their versions, the identity's role, issued tokens, the
/// throttle, and the counters.</summary>
internal sealed class VaultRuntime
{
    public const string VaultResource = "https://vault.azure.net";

    private readonly object _gate = new();
    private readonly Dictionary<string, List<VaultKey>> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Throttle _throttle = new();
    private VaultRole _role = VaultRole.CryptoUser;

    public VaultRuntime(VaultEmulatorOptions options)
    {
        Options = options;
    }

    public VaultEmulatorOptions Options { get; }
    public VaultStats Stats { get; } = new();
    /// <summary>http://127.0.0.1:PORT, set once Kestrel is listening.</summary>
    public string VaultUrl { get; set; } = "";
    public string TenantId { get; } = Guid.NewGuid().ToString();
    public string PrincipalId { get; } = Guid.NewGuid().ToString();

    public DateTimeOffset Now() => Options.Clock();

    public VaultRole Role
    {
        get { lock (_gate) { return _role; } }
        set { lock (_gate) { _role = value; } }
    }

    /// <summary>A new key, or a new version of the key with that name (which becomes its current version).</summary>
    public VaultKey CreateKey(string name, KeySpec spec)
    {
        var key = new VaultKey(name, spec, Now());
        lock (_gate)
        {
            if (!_keys.TryGetValue(name, out var versions))
            {
                _keys[name] = versions = [];
            }

            versions.Add(key);
        }

        return key;
    }

    /// <summary>The named version, or the newest one when <paramref name="version"/> is empty.</summary>
    public VaultKey? FindKey(string name, string? version)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(name, out var versions) || versions.Count == 0)
            {
                return null;
            }

            return string.IsNullOrEmpty(version)
                ? versions[^1]
                : versions.FirstOrDefault(k => string.Equals(k.Version, version, StringComparison.OrdinalIgnoreCase));
        }
    }

    public IssuedToken IssueToken(string resource)
    {
        var value = "kvemu." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new IssuedToken(value, resource, Now() + Options.TokenLifetime);
        lock (_gate)
        {
            _tokens[value] = token;
        }

        return token;
    }

    public IssuedToken? FindToken(string value)
    {
        lock (_gate)
        {
            return _tokens.GetValueOrDefault(value);
        }
    }

    /// <summary>Every token value given out, so secret-hygiene tests can search output for them.</summary>
    public IReadOnlyList<string> IssuedTokens()
    {
        lock (_gate)
        {
            return _tokens.Keys.ToList();
        }
    }

    public void ThrottleNext(int count, int retryAfterSeconds, int status)
    {
        lock (_gate)
        {
            _throttle.Remaining = count;
            _throttle.RetryAfterSeconds = retryAfterSeconds;
            _throttle.Status = status;
        }
    }

    /// <summary>Uses up one throttled call: the status and Retry-After seconds to answer, or null to serve normally.</summary>
    public (int Status, int RetryAfterSeconds)? TakeThrottle()
    {
        lock (_gate)
        {
            if (_throttle.Remaining <= 0)
            {
                return null;
            }

            _throttle.Remaining--;
            return (_throttle.Status, _throttle.RetryAfterSeconds);
        }
    }

    /// <summary>No keys, no tokens, no throttle, the Crypto User role, zero counters.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            foreach (var key in _keys.Values.SelectMany(v => v))
            {
                key.Dispose();
            }

            _keys.Clear();
            _tokens.Clear();
            _throttle.Remaining = 0;
            _role = VaultRole.CryptoUser;
        }

        Stats.Reset();
    }
}
