namespace OktaServiceApp.Core.Reports;

/// <summary>One service app's security posture, flat, for a CSV.</summary>
public sealed class ServiceAppPosture
{
    public string ClientId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Status { get; init; } = "";
    public IReadOnlyList<string> Roles { get; init; } = Array.Empty<string>();
    public bool SuperAdmin { get; init; }
    public int ScopeCount { get; init; }
    public bool? RequireDpop { get; init; }
    public int ActiveKeyCount { get; init; }
    public int KeysWithoutKid { get; init; }
    /// <summary>Days since the oldest ACTIVE key was created; null when unknown.</summary>
    public int? OldestKeyAgeDays { get; init; }
    public int? RateLimitPercent { get; init; }
}
