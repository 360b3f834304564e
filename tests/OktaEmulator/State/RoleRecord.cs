namespace OktaEmulator.State;

/// <summary>A role assigned to a client: a standard role type, or CUSTOM with a custom role and a resource set.</summary>
internal sealed class RoleRecord
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Label { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string Status { get; set; } = "ACTIVE";

    /// <summary>The custom role's id (cr0…), for CUSTOM assignments only.</summary>
    public string? CustomRoleId { get; init; }

    /// <summary>The resource set's id (iam…), for CUSTOM assignments only.</summary>
    public string? ResourceSetId { get; init; }

    /// <summary>Group ids the role is narrowed to; empty means every group.</summary>
    public List<string> GroupTargets { get; } = [];

    /// <summary>OIN app targets (name, no instance) and app instance targets (name and app id); empty means every app.</summary>
    public List<AppTargetRecord> AppTargets { get; } = [];

    public bool IsCustom => Type == "CUSTOM";
}

internal sealed record AppTargetRecord(string Name, string? AppId);
