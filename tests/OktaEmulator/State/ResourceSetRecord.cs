namespace OktaEmulator.State;

/// <summary>A resource set (/api/v1/iam/resource-sets): the resources a custom role applies to, by REST URL.</summary>
internal sealed class ResourceSetRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Label { get; set; }
    public required string Description { get; set; }
    public List<ResourceRecord> Resources { get; } = [];
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }
}

/// <summary>One resource of a set: its id (ire…), the REST URL it was given as, and that URL's ORN.</summary>
internal sealed class ResourceRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Href { get; init; }
    public required string Orn { get; init; }
    public required DateTimeOffset Created { get; init; }
}
