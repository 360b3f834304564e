namespace OktaEmulator.Roles;

/// <summary>The standard admin roles a client can be given, with the labels Okta shows for them.</summary>
internal static class StandardRoles
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SUPER_ADMIN"] = "Super Administrator",
        ["ORG_ADMIN"] = "Organizational Administrator",
        ["APP_ADMIN"] = "Application Administrator",
        ["USER_ADMIN"] = "Group Administrator",
        ["HELP_DESK_ADMIN"] = "Help Desk Administrator",
        ["READ_ONLY_ADMIN"] = "Read Only Administrator",
        ["MOBILE_ADMIN"] = "Mobile Administrator",
        ["API_ACCESS_MANAGEMENT_ADMIN"] = "API Access Management Administrator",
        ["REPORT_ADMIN"] = "Report Administrator",
        ["GROUP_MEMBERSHIP_ADMIN"] = "Group Membership Administrator",
    };
}
