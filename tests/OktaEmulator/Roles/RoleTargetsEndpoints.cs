using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Dcr;
using OktaEmulator.Groups;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Roles;

/// <summary>
/// Targets of a client's standard role (spec tag RoleBTargetClient): groups for USER_ADMIN, HELP_DESK_ADMIN and
/// GROUP_MEMBERSHIP_ADMIN; OIN apps and app instances for APP_ADMIN. PUT and DELETE answer 204; assigning a target that is
/// already there changes nothing. No targets means the role covers every group (or app).
/// </summary>
internal static class RoleTargetsEndpoints
{
    private const string Base = "/oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}/targets";

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapGet(Base + "/groups", (HttpRequest r, string clientId, string roleAssignmentId) =>
            ListGroups(r, org, clientId, roleAssignmentId)).RequireScope(ScopeRequirement.Read("roles"));
        routes.MapPut(Base + "/groups/{groupId}", (string clientId, string roleAssignmentId, string groupId) =>
            AssignGroup(org, clientId, roleAssignmentId, groupId)).RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapDelete(Base + "/groups/{groupId}", (string clientId, string roleAssignmentId, string groupId) =>
            RemoveGroup(org, clientId, roleAssignmentId, groupId)).RequireScope(ScopeRequirement.Manage("roles"));

        routes.MapGet(Base + "/catalog/apps", (HttpRequest r, string clientId, string roleAssignmentId) =>
            ListApps(r, org, clientId, roleAssignmentId)).RequireScope(ScopeRequirement.Read("roles"));
        routes.MapPut(Base + "/catalog/apps/{appName}", (string clientId, string roleAssignmentId, string appName) =>
            AssignApp(org, clientId, roleAssignmentId, appName, null)).RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapDelete(Base + "/catalog/apps/{appName}", (string clientId, string roleAssignmentId, string appName) =>
            RemoveApp(org, clientId, roleAssignmentId, appName, null)).RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapPut(Base + "/catalog/apps/{appName}/{appId}", (string clientId, string roleAssignmentId, string appName, string appId) =>
            AssignApp(org, clientId, roleAssignmentId, appName, appId)).RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapDelete(Base + "/catalog/apps/{appName}/{appId}", (string clientId, string roleAssignmentId, string appName, string appId) =>
            RemoveApp(org, clientId, roleAssignmentId, appName, appId)).RequireScope(ScopeRequirement.Manage("roles"));
    }

    private static IResult ListGroups(HttpRequest request, OrgRuntime org, string clientId, string roleAssignmentId)
    {
        lock (org.Store.Gate)
        {
            if (Find(org, clientId, roleAssignmentId, out var role) is { } refusal)
            {
                return refusal;
            }

            var groups = role!.GroupTargets.Select(org.Store.FindGroup).OfType<GroupRecord>().ToList();
            var paging = Paging.From(request, org.OrgUrl, defaultLimit: 20, maxLimit: 100);
            var array = new JsonArray();
            var response = ApiResponse.Ok(array);
            foreach (var group in paging.Apply(groups, g => g.Sequence, response))
            {
                array.Add(GroupsEndpoints.Json(group, org.OrgUrl));
            }

            return response;
        }
    }

    private static IResult AssignGroup(OrgRuntime org, string clientId, string roleAssignmentId, string groupId)
    {
        lock (org.Store.Gate)
        {
            if (Find(org, clientId, roleAssignmentId, out var role) is { } refusal)
            {
                return refusal;
            }

            if (!RoleTargetRules.GroupTargetRoles.Contains(role!.Type))
            {
                return RoleTargetRules.WrongRoleType(role.Type, "group");
            }

            if (org.Store.FindGroup(groupId) is null)
            {
                return GroupsEndpoints.GroupNotFound(groupId);
            }

            if (!role.GroupTargets.Contains(groupId))
            {
                role.GroupTargets.Add(groupId);
            }

            return ApiResponse.NoContent();
        }
    }

    private static IResult RemoveGroup(OrgRuntime org, string clientId, string roleAssignmentId, string groupId)
    {
        lock (org.Store.Gate)
        {
            if (Find(org, clientId, roleAssignmentId, out var role) is { } refusal)
            {
                return refusal;
            }

            if (!role!.GroupTargets.Contains(groupId))
            {
                return GroupsEndpoints.GroupNotFound(groupId);
            }

            if (role.GroupTargets.Count == 1)
            {
                return RoleTargetRules.LastTarget("group");
            }

            role.GroupTargets.Remove(groupId);
            return ApiResponse.NoContent();
        }
    }

    private static IResult ListApps(HttpRequest request, OrgRuntime org, string clientId, string roleAssignmentId)
    {
        lock (org.Store.Gate)
        {
            if (Find(org, clientId, roleAssignmentId, out var role) is { } refusal)
            {
                return refusal;
            }

            return ApiResponse.Ok(new JsonArray(role!.AppTargets.Select(t => (JsonNode?)AppTargetJson(t, org)).ToArray()));
        }
    }

    private static IResult AssignApp(OrgRuntime org, string clientId, string roleAssignmentId, string appName, string? appId)
    {
        lock (org.Store.Gate)
        {
            if (Find(org, clientId, roleAssignmentId, out var role) is { } refusal)
            {
                return refusal;
            }

            if (!RoleTargetRules.AppTargetRoles.Contains(role!.Type))
            {
                return RoleTargetRules.WrongRoleType(role.Type, "app");
            }

            if (!OinCatalog.Apps.ContainsKey(appName))
            {
                return ApiResponse.NotFound(appName, "CatalogApp");
            }

            if (appId is not null)
            {
                if (org.Store.FindApp(appId) is null)
                {
                    return ApiResponse.NotFound(appId, "AppInstance");
                }

                if (role.AppTargets.Any(t => t.Name == appName && t.AppId is null))
                {
                    return RoleTargetRules.InstanceUnderAppTarget(appName);
                }
            }
            else
            {
                // "An assigned OIN app target overrides any existing app instance targets" (spec).
                role.AppTargets.RemoveAll(t => t.Name == appName && t.AppId is not null);
            }

            var target = new AppTargetRecord(appName, appId);
            if (!role.AppTargets.Contains(target))
            {
                role.AppTargets.Add(target);
            }

            return ApiResponse.NoContent();
        }
    }

    private static IResult RemoveApp(OrgRuntime org, string clientId, string roleAssignmentId, string appName, string? appId)
    {
        lock (org.Store.Gate)
        {
            if (Find(org, clientId, roleAssignmentId, out var role) is { } refusal)
            {
                return refusal;
            }

            var target = new AppTargetRecord(appName, appId);
            if (!role!.AppTargets.Contains(target))
            {
                return ApiResponse.NotFound(appId ?? appName, appId is null ? "CatalogApp" : "AppInstance");
            }

            if (role.AppTargets.Count == 1)
            {
                return RoleTargetRules.LastTarget("app");
            }

            role.AppTargets.Remove(target);
            return ApiResponse.NoContent();
        }
    }

    private static ApiResponse? Find(OrgRuntime org, string clientId, string roleAssignmentId, out RoleRecord? role)
    {
        role = null;
        if (org.Store.FindClient(clientId) is not { } app)
        {
            return DcrEndpoints.ClientNotFound(clientId);
        }

        role = app.Roles.FirstOrDefault(r => r.Id == roleAssignmentId);
        return role is null ? ApiResponse.NotFound(roleAssignmentId, "RoleAssignment") : null;
    }

    /// <summary>CatalogApplication (spec): an OIN app target has no id; an instance target carries the app's id.</summary>
    private static JsonObject AppTargetJson(AppTargetRecord target, OrgRuntime org)
    {
        var (displayName, category) = OinCatalog.Apps[target.Name];
        var json = new JsonObject
        {
            ["name"] = target.Name,
            ["displayName"] = displayName,
            ["category"] = category,
            ["status"] = "ACTIVE",
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonObject
                {
                    ["href"] = target.AppId is null ? $"{org.OrgUrl}/api/v1/catalog/apps/{target.Name}" : $"{org.OrgUrl}/api/v1/apps/{target.AppId}",
                },
            },
        };
        if (target.AppId is not null)
        {
            json["id"] = target.AppId;
        }

        return json;
    }
}
