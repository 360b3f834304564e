namespace OktaServiceApp.Core.Roles;

/// <summary>One target of a standard role: a group (USER_ADMIN, HELP_DESK_ADMIN, GROUP_MEMBERSHIP_ADMIN), an OIN app, or one
/// app instance (APP_ADMIN).</summary>
public sealed class RoleTarget
{
    public const string GroupKind = "Group";
    public const string AppKind = "App";

    /// <summary>Group or App.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The group id, or for apps "appName" (every instance) or "appName/appId" (one instance).</summary>
    public string Target { get; init; } = "";

    /// <summary>The group's name or the app's display name.</summary>
    public string? Name { get; init; }

    /// <summary>Parses an app target: "salesforce" or "oidc_client/0oa1..."; null when it is neither.</summary>
    public static (string AppName, string? AppId)? ParseApp(string target)
    {
        var parts = (target ?? "").Trim().Split('/');
        if (parts.Length == 1 && parts[0].Length > 0)
        {
            return (parts[0], null);
        }

        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }

    /// <summary>The role types that take targets of each kind (spec RoleBTargetClient).</summary>
    public static bool Takes(string roleType, string kind) => kind switch
    {
        GroupKind => roleType is "USER_ADMIN" or "HELP_DESK_ADMIN" or "GROUP_MEMBERSHIP_ADMIN",
        AppKind => roleType == "APP_ADMIN",
        _ => false,
    };
}
