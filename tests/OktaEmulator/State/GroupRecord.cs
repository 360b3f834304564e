namespace OktaEmulator.State;

/// <summary>A group, enough to be a role target or a resource: id, type and profile name.</summary>
internal sealed class GroupRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>OKTA_GROUP for groups made through the API; BUILT_IN for Everyone.</summary>
    public required string Type { get; init; }
    public required DateTimeOffset Created { get; init; }
}
