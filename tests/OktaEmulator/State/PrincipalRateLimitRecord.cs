namespace OktaEmulator.State;

/// <summary>A principal's share of the org's rate limits (/api/v1/principal-rate-limits); one per principal.</summary>
internal sealed class PrincipalRateLimitRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string PrincipalId { get; init; }
    public required string PrincipalType { get; init; }
    public int? DefaultPercentage { get; set; }
    public int? DefaultConcurrencyPercentage { get; set; }
    public required DateTimeOffset CreatedDate { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset LastUpdate { get; set; }
    public required string LastUpdatedBy { get; set; }
}
