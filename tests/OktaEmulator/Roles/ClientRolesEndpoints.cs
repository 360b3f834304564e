using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Dcr;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Roles;

/// <summary>Admin roles of a client, /oauth2/v1/clients/{clientId}/roles (okta-api.md §2.2). Assign answers 201, as recorded.</summary>
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
                return ApiResponse.ValidationFailed("type", "type: The emulated org supports standard roles only, not CUSTOM role assignments.");
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

    private static JsonObject Json(RoleRecord role, string orgUrl, string clientId) => new()
    {
        ["id"] = role.Id,
        ["label"] = role.Label,
        ["type"] = role.Type,
        ["status"] = role.Status,
        ["created"] = OktaTime.Format(role.Created),
        ["lastUpdated"] = OktaTime.Format(role.Created),
        ["assignmentType"] = "CLIENT",
        ["_links"] = new JsonObject { ["assignee"] = new JsonObject { ["href"] = $"{orgUrl}/oauth2/v1/clients/{clientId}" } },
    };
}
