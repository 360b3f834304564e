namespace OktaServiceApp.Core.Roles;

/// <summary>An admin role assigned to a service app (client).</summary>
public sealed class RoleAssignment
{
    public string Id { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string Type { get; init; } = "";
    public string? Label { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? Created { get; init; }

    /// <summary>For CUSTOM assignments: the custom role's id.</summary>
    public string? CustomRoleId { get; init; }

    /// <summary>For CUSTOM assignments: the resource set's id.</summary>
    public string? ResourceSetId { get; init; }

    public bool IsCustom => Type == "CUSTOM";
}

/// <summary>Okta's standard admin roles; custom roles (type CUSTOM) come with a custom role and a resource set.</summary>
public static class StandardRoles
{
    public static IReadOnlyList<string> All { get; } = new[]
    {
        "SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN", "READ_ONLY_ADMIN", "MOBILE_ADMIN",
        "API_ACCESS_MANAGEMENT_ADMIN", "REPORT_ADMIN", "GROUP_MEMBERSHIP_ADMIN",
    };
}
