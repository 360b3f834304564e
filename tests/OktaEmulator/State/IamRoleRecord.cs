namespace OktaEmulator.State;

/// <summary>A custom admin role (/api/v1/iam/roles): a labelled set of permissions, assigned together with a resource set.</summary>
internal sealed class IamRoleRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Label { get; set; }
    public required string Description { get; set; }
    public required List<string> Permissions { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }
}
