using System.Security.Cryptography;

namespace OktaEmulator;

/// <summary>How the emulated org behaves. Change it at run time through <see cref="OktaOrgEmulator.Configure"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The only API token (SSWS) the org accepts.</summary>
    public string ApiToken { get; set; } = NewApiToken();

    /// <summary>Port on 127.0.0.1; 0 lets the OS pick a free one (no race between picking and binding).</summary>
    public int Port { get; set; }

    /// <summary>Seed of the fault-injection dice, so a failing run can be replayed.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Rules per bucket: "apps" (/api/v1/apps*), "clients" (/oauth2/v1/clients*), "token" (/oauth2/v1/token),
    /// "default" (everything else). A missing key means <see cref="RateLimitRule.Unlimited"/>.
    /// </summary>
    public Dictionary<string, RateLimitRule> RateLimits { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FaultOptions Faults { get; set; } = new();

    /// <summary>
    /// Paths (prefixes) the API token's admin may not touch: 403 E0000006 after authentication, as Okta answers an admin whose
    /// role does not cover that app. Lets tests make one client of many forbidden.
    /// </summary>
    public string[] ForbiddenPathPrefixes { get; set; } = [];

    /// <summary>The org's clock: token lifetimes, assertion/proof freshness and rate-limit windows all read it.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Okta API tokens are 42 characters; 40 random alphanumerics is close enough and never collides.</summary>
    private static string NewApiToken() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
}

/// <summary>A fixed window: at most <see cref="Limit"/> requests per window aligned to multiples of <see cref="WindowSeconds"/> (epoch seconds).</summary>
public sealed class RateLimitRule
{
    public int Limit { get; set; }
    public int WindowSeconds { get; set; } = 60;

    /// <summary>What a bucket without a configured rule gets: high enough never to interfere.</summary>
    public static RateLimitRule Unlimited => new() { Limit = 10000, WindowSeconds = 60 };
}

/// <summary>Per-request fault probabilities (0..1, summed they should stay at or below 1).</summary>
public sealed class FaultOptions
{
    public double ServerError500 { get; set; }
    public double ServiceUnavailable503 { get; set; }
    public double Slow { get; set; }
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);
    public double Drop { get; set; }
    public double Truncate { get; set; }

    /// <summary>Only paths starting with one of these are faulted; empty means every API path.</summary>
    public string[] PathPrefixes { get; set; } = [];

    /// <summary>Counted faults played after the handler: the next N matching requests are applied, then answered with a 500 or a
    /// dropped connection. Unlike the dice above, these let a test make "the write happened but the client does not know".</summary>
    public List<AppliedFault> AfterApply { get; set; } = [];
}

/// <summary>What a client sees of a write that was applied: <see cref="ServerError500"/> is Okta's 500 E0000009, <see cref="Drop"/>
/// a connection closed before any answer.</summary>
public enum AppliedFaultKind
{
    ServerError500,
    Drop,
}

/// <summary>
/// "Apply the next <see cref="Count"/> requests of <see cref="Method"/> on a path under <see cref="PathPrefix"/>, then fail them."
/// Only a request its handler answered with 2xx (one that changed or read the org) uses up the count, so a refused write stays
/// refused and a test can say exactly which write is hit.
/// </summary>
public sealed class AppliedFault
{
    public AppliedFaultKind Kind { get; set; }
    public string Method { get; set; } = "POST";
    public string PathPrefix { get; set; } = "/";

    /// <summary>How many more requests this rule fails; it counts down as it plays.</summary>
    public int Count { get; set; } = 1;

    internal bool Matches(string method, PathString path) =>
        Count > 0 && string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) &&
        path.Value?.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase) == true;
}
