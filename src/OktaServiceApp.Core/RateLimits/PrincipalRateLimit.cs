namespace OktaServiceApp.Core.RateLimits;

/// <summary>A service app's share of the org's rate limits (Okta's PrincipalRateLimitEntity for an OAUTH_CLIENT).</summary>
public sealed class PrincipalRateLimit
{
    public string Id { get; init; } = "";
    public string ClientId { get; init; } = "";
    /// <summary>The percentage of each rate limit the app may use.</summary>
    public int? Percent { get; init; }
    /// <summary>The percentage of each concurrency limit the app may use.</summary>
    public int? ConcurrencyPercent { get; init; }
    public DateTimeOffset? LastUpdate { get; init; }
}
