using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.PowerShell;

/// <summary>An admin role assigned to a service app.</summary>
public sealed class OktaServiceAppRole
{
    internal OktaServiceAppRole(RoleAssignment role)
    {
        ClientId = role.ClientId;
        Id = role.Id;
        Role = role.Type;
        Label = role.Label;
        Status = role.Status;
        Created = role.Created;
        CustomRoleId = role.CustomRoleId;
        ResourceSetId = role.ResourceSetId;
    }

    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>The role assignment id, used to remove it.</summary>
    public string Id { get; }
    /// <summary>The role assignment id again, so a piped role binds the role target cmdlets' -RoleId.</summary>
    public string RoleId => Id;
    /// <summary>The role type, such as READ_ONLY_ADMIN.</summary>
    public string Role { get; }
    /// <summary>The role's display name.</summary>
    public string? Label { get; }
    /// <summary>ACTIVE when in force.</summary>
    public string? Status { get; }
    /// <summary>When the role was assigned.</summary>
    public DateTimeOffset? Created { get; }
    /// <summary>For a CUSTOM role: the custom role's id.</summary>
    public string? CustomRoleId { get; }
    /// <summary>For a CUSTOM role: the resource set's id.</summary>
    public string? ResourceSetId { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ClientId} {Role}";
}
