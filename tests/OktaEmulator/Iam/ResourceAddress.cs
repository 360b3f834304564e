using OktaEmulator.State;

namespace OktaEmulator.Iam;

/// <summary>
/// A resource-set resource, given as a REST URL of this org or an ORN (spec guide "Okta Resource Name"), turned into both forms.
/// Covers the resources a service app is usually confined to: all users, all groups, one group, a group's users, all apps, one app.
/// A URL of another host, or an ORN naming another org id, is refused: a resource set holds only its own org's resources.
/// </summary>
internal static class ResourceAddress
{
    private const string Partition = "okta";

    /// <summary>(href, orn) on success; otherwise null and the reason in <paramref name="error"/>.</summary>
    public static (string Href, string Orn)? Resolve(string resource, string orgUrl, OrgStore store, out string error)
    {
        error = "";
        string[] parts;
        if (resource.StartsWith("orn:", StringComparison.Ordinal))
        {
            var orn = resource.Split(':');
            if (orn.Length < 5 || orn[1] != Partition)
            {
                error = $"resources: '{resource}' is not a valid ORN";
                return null;
            }

            if (orn[3] != store.OrgId)
            {
                error = $"resources: '{resource}' belongs to another org";
                return null;
            }

            parts = (orn[2], orn[4]) switch
            {
                ("directory", "users") when orn.Length == 5 => ["users"],
                ("directory", "groups") when orn.Length == 5 => ["groups"],
                ("directory", "groups") when orn.Length == 6 => ["groups", orn[5]],
                ("directory", "groups") when orn.Length == 7 && orn[6] == "contained_resources" => ["groups", orn[5], "users"],
                ("idp", "apps") when orn.Length == 5 => ["apps"],
                ("idp", "apps") when orn.Length == 7 => ["apps", orn[6]],
                _ => [],
            };
        }
        else
        {
            if (!Uri.TryCreate(resource, UriKind.Absolute, out var url))
            {
                error = $"resources: '{resource}' is neither an ORN nor a REST URL";
                return null;
            }

            if (!string.Equals(url.GetLeftPart(UriPartial.Authority), orgUrl, StringComparison.OrdinalIgnoreCase))
            {
                error = $"resources: '{resource}' belongs to another org";
                return null;
            }

            var path = url.AbsolutePath.TrimEnd('/');
            parts = path.StartsWith("/api/v1/", StringComparison.Ordinal) ? path["/api/v1/".Length..].Split('/') : [];
        }

        return Build(parts, resource, orgUrl, store, out error);
    }

    private static (string Href, string Orn)? Build(string[] parts, string resource, string orgUrl, OrgStore store, out string error)
    {
        error = "";
        var directory = $"orn:{Partition}:directory:{store.OrgId}";
        var idp = $"orn:{Partition}:idp:{store.OrgId}";
        switch (parts)
        {
            case ["users"]:
                return ($"{orgUrl}/api/v1/users", $"{directory}:users");
            case ["groups"]:
                return ($"{orgUrl}/api/v1/groups", $"{directory}:groups");
            case ["groups", var groupId] when store.FindGroup(groupId) is not null:
                return ($"{orgUrl}/api/v1/groups/{groupId}", $"{directory}:groups:{groupId}");
            case ["groups", var groupId, "users"] when store.FindGroup(groupId) is not null:
                return ($"{orgUrl}/api/v1/groups/{groupId}/users", $"{directory}:groups:{groupId}:contained_resources");
            case ["groups", var groupId, ..]:
                error = $"resources: the group '{groupId}' does not exist";
                return null;
            case ["apps"]:
                return ($"{orgUrl}/api/v1/apps", $"{idp}:apps");
            case ["apps", var appId] when store.FindApp(appId) is not null:
                return ($"{orgUrl}/api/v1/apps/{appId}", $"{idp}:apps:oidc_client:{appId}");
            case ["apps", var appId]:
                error = $"resources: the app '{appId}' does not exist";
                return null;
            default:
                error = $"resources: '{resource}' is not a supported resource";
                return null;
        }
    }
}
