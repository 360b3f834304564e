using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Dcr;
using OktaEmulator.Hosting;
using OktaEmulator.Iam;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Roles;

/// <summary>Admin roles of a client, /oauth2/v1/clients/{clientId}/roles (okta-api.md §2.2): standard roles, and CUSTOM roles
/// with a resource set. Assign answers 201, as recorded.</summary>
internal static class ClientRolesEndpoints
{
    private const string Base = "/oauth2/v1/clients/{clientId}/roles";

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapPost(Base, (HttpContext c, string clientId) => AssignAsync(c, org, clientId)).RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapGet(Base, (string clientId) => List(org, clientId)).RequireScope(ScopeRequirement.Read("roles"));
        routes.MapGet(Base + "/{roleAssignmentId}", (string clientId, string roleAssignmentId) => Get(org, clientId, roleAssignmentId))
            .RequireScope(ScopeRequirement.Read("roles"));
        routes.MapDelete(Base + "/{roleAssignmentId}", (string clientId, string roleAssignmentId) => Unassign(org, clientId, roleAssignmentId))
            .RequireScope(ScopeRequirement.Manage("roles"));
    }

    private static async Task<IResult> AssignAsync(HttpContext context, OrgRuntime org, string clientId)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        lock (org.Store.Gate)
        {
            if (org.Store.FindClient(clientId) is not { } app)
            {
                return DcrEndpoints.ClientNotFound(clientId);
            }

            if (body is null)
            {
                return ApiResponse.MalformedBody();
            }

            var type = body.String("type");
            if (type == "CUSTOM")
            {
                return AssignCustom(org, app, clientId, body);
            }

            if (type is null || !StandardRoles.Labels.TryGetValue(type, out var label))
            {
                return ApiResponse.ValidationFailed("type", $"type: '{type}' is not a valid role type.");
            }

            if (app.Roles.Any(r => r.Type == type))
            {
                return DuplicateRoleRule.Refusal(type);
            }

            var role = new RoleRecord { Id = OktaIds.RoleAssignment(), Type = type, Label = label, Created = org.Now() };
            app.Roles.Add(role);
            return ApiResponse.Json(StatusCodes.Status201Created, Json(role, org.OrgUrl, clientId));
        }
    }

    /// <summary>{"type":"CUSTOM","role":id,"resource-set":id} (spec CustomRoleAssignmentSchema: all three required, both ids).
    /// A role or resource set this org does not hold, such as one of another org, is 404 E0000007.</summary>
    private static ApiResponse AssignCustom(OrgRuntime org, AppRecord app, string clientId, JsonObject body)
    {
        var roleId = body.String("role");
        var resourceSetId = body.String("resource-set");
        var causes = new List<string>();
        if (string.IsNullOrEmpty(roleId))
        {
            causes.Add("role: The field cannot be left blank");
        }

        if (string.IsNullOrEmpty(resourceSetId))
        {
            causes.Add("resource-set: The field cannot be left blank");
        }

        if (causes.Count > 0)
        {
            return ApiResponse.ValidationFailed("roleAssignment", causes.ToArray());
        }

        if (org.Store.CustomRoles.FirstOrDefault(r => r.Id == roleId) is not { } customRole)
        {
            return CustomRolesEndpoints.RoleNotFound(roleId!);
        }

        if (org.Store.ResourceSets.FirstOrDefault(s => s.Id == resourceSetId) is not { } resourceSet)
        {
            return ResourceSetsEndpoints.SetNotFound(resourceSetId!);
        }

        if (app.Roles.Any(r => r.CustomRoleId == customRole.Id && r.ResourceSetId == resourceSet.Id))
        {
            return DuplicateRoleRule.Refusal($"{customRole.Label} on {resourceSet.Label}");
        }

        var role = new RoleRecord
        {
            Id = OktaIds.CustomRoleAssignment(), Type = "CUSTOM", Label = customRole.Label, Created = org.Now(),
            CustomRoleId = customRole.Id, ResourceSetId = resourceSet.Id,
        };
        app.Roles.Add(role);
        return ApiResponse.Json(StatusCodes.Status201Created, Json(role, org.OrgUrl, clientId));
    }

    private static IResult List(OrgRuntime org, string clientId)
    {
        lock (org.Store.Gate)
        {
            return org.Store.FindClient(clientId) is { } app
                ? ApiResponse.Ok(new JsonArray(app.Roles.Select(r => (JsonNode?)Json(r, org.OrgUrl, clientId)).ToArray()))
                : DcrEndpoints.ClientNotFound(clientId);
        }
    }

    private static IResult Get(OrgRuntime org, string clientId, string roleAssignmentId)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindClient(clientId) is not { } app)
            {
                return DcrEndpoints.ClientNotFound(clientId);
            }

            return app.Roles.FirstOrDefault(r => r.Id == roleAssignmentId) is { } role
                ? ApiResponse.Ok(Json(role, org.OrgUrl, clientId))
                : ApiResponse.NotFound(roleAssignmentId, "RoleAssignment");
        }
    }

    private static IResult Unassign(OrgRuntime org, string clientId, string roleAssignmentId)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindClient(clientId) is not { } app)
            {
                return DcrEndpoints.ClientNotFound(clientId);
            }

            var removed = app.Roles.RemoveAll(r => r.Id == roleAssignmentId);
            return removed > 0 ? ApiResponse.NoContent() : ApiResponse.NotFound(roleAssignmentId, "RoleAssignment");
        }
    }

    /// <summary>StandardRole or CustomRole (spec), as the recordings and the spec examples show them.</summary>
    private static JsonObject Json(RoleRecord role, string orgUrl, string clientId)
    {
        var json = new JsonObject
        {
            ["id"] = role.Id,
            ["label"] = role.Label,
            ["type"] = role.Type,
            ["status"] = role.Status,
            ["created"] = OktaTime.Format(role.Created),
            ["lastUpdated"] = OktaTime.Format(role.Created),
            ["assignmentType"] = "CLIENT",
        };
        var links = new JsonObject();
        if (role.IsCustom)
        {
            json["resource-set"] = role.ResourceSetId;
            json["role"] = role.CustomRoleId;
            links["role"] = new JsonObject { ["href"] = $"{orgUrl}/api/v1/iam/roles/{role.CustomRoleId}" };
            links["resource-set"] = new JsonObject { ["href"] = $"{orgUrl}/api/v1/iam/resource-sets/{role.ResourceSetId}" };
            links["permissions"] = new JsonObject { ["href"] = $"{orgUrl}/api/v1/iam/roles/{role.CustomRoleId}/permissions" };
            links["member"] = new JsonObject
            {
                ["href"] = $"{orgUrl}/api/v1/iam/resource-sets/{role.ResourceSetId}/bindings/{role.CustomRoleId}/members/{role.Id}",
            };
        }

        links["assignee"] = new JsonObject { ["href"] = $"{orgUrl}/oauth2/v1/clients/{clientId}" };
        json["_links"] = links;
        return json;
    }
}
