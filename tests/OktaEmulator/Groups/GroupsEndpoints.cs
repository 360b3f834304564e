using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Groups;

/// <summary>/api/v1/groups: enough of the Groups API to make groups that roles and resource sets can point at.</summary>
internal static class GroupsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapGet("/api/v1/groups", (HttpRequest r) => List(r.HttpContext, org)).RequireScope(ScopeRequirement.Read("groups"));
        routes.MapPost("/api/v1/groups", (HttpRequest r) => AddAsync(r.HttpContext, org)).RequireScope(ScopeRequirement.Manage("groups"));
        routes.MapGet("/api/v1/groups/{groupId}", (string groupId) => Get(org, groupId)).RequireScope(ScopeRequirement.Read("groups"));
    }

    public static ApiResponse GroupNotFound(string groupId) => ApiResponse.NotFound(groupId, "UserGroup");

    /// <summary>Okta pages groups 10,000 at a time by default (spec: listGroups limit).</summary>
    private static IResult List(HttpContext context, OrgRuntime org)
    {
        var paging = Paging.From(context.Request, org.OrgUrl, defaultLimit: 10000, maxLimit: 10000);
        var array = new JsonArray();
        var response = ApiResponse.Ok(array);
        lock (org.Store.Gate)
        {
            foreach (var group in paging.Apply(org.Store.Groups, g => g.Sequence, response))
            {
                array.Add(Json(group, org.OrgUrl));
            }
        }

        return response;
    }

    private static async Task<IResult> AddAsync(HttpContext context, OrgRuntime org)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body is null)
        {
            return ApiResponse.MalformedBody();
        }

        var name = body.Object("profile")?.String("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return ApiResponse.ValidationFailed("profile", "name: The field cannot be left blank");
        }

        lock (org.Store.Gate)
        {
            if (org.Store.Groups.Any(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return ApiResponse.ValidationFailed("profile", "name: An object with this field already exists in the current organization");
            }

            var group = org.Store.AddGroup(name, body.Object("profile")?.String("description"));
            return ApiResponse.Ok(Json(group, org.OrgUrl));
        }
    }

    private static IResult Get(OrgRuntime org, string groupId)
    {
        lock (org.Store.Gate)
        {
            return org.Store.FindGroup(groupId) is { } group ? ApiResponse.Ok(Json(group, org.OrgUrl)) : GroupNotFound(groupId);
        }
    }

    public static JsonObject Json(GroupRecord group, string orgUrl) => new()
    {
        ["id"] = group.Id,
        ["created"] = OktaTime.Format(group.Created),
        ["lastUpdated"] = OktaTime.Format(group.Created),
        ["lastMembershipUpdated"] = OktaTime.Format(group.Created),
        ["objectClass"] = new JsonArray("okta:user_group"),
        ["type"] = group.Type,
        ["profile"] = new JsonObject { ["name"] = group.Name, ["description"] = group.Description },
        ["_links"] = new JsonObject
        {
            ["users"] = new JsonObject { ["href"] = $"{orgUrl}/api/v1/groups/{group.Id}/users" },
            ["apps"] = new JsonObject { ["href"] = $"{orgUrl}/api/v1/groups/{group.Id}/apps" },
        },
    };
}
