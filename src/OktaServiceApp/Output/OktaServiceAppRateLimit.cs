using OktaServiceApp.Core.RateLimits;

namespace OktaServiceApp.PowerShell;

/// <summary>A service app's share of the org's rate limits.</summary>
public sealed class OktaServiceAppRateLimit
{
    internal OktaServiceAppRateLimit(string clientId, PrincipalRateLimit? limit)
    {
        ClientId = clientId;
        Id = limit?.Id;
        Percent = limit?.Percent;
        ConcurrencyPercent = limit?.ConcurrencyPercent;
        LastUpdate = limit?.LastUpdate;
    }

    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>The principal rate limit's id; null when the app has no share of its own.</summary>
    public string? Id { get; }
    /// <summary>The percentage of each rate limit the app may use; null when it has no share of its own.</summary>
    public int? Percent { get; }
    /// <summary>The percentage of each concurrency limit the app may use.</summary>
    public int? ConcurrencyPercent { get; }
    /// <summary>When the share was last changed.</summary>
    public DateTimeOffset? LastUpdate { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ClientId} {(Percent is null ? "no share" : Percent + "%")}";
}
