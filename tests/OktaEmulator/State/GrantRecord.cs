namespace OktaEmulator.State;

internal sealed class GrantRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string AppId { get; init; }
    public required string ClientId { get; init; }
    public required string ScopeId { get; init; }
    public required string Issuer { get; init; }
    public string Status { get; set; } = "ACTIVE";
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }

    /// <summary>Who granted it: the SSWS admin user or the OAuth client whose token was used.</summary>
    public required string CreatedById { get; init; }
    public required string CreatedByType { get; init; }
}
