namespace OktaEmulator.State;

internal sealed class RoleRecord
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Label { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string Status { get; set; } = "ACTIVE";
}
