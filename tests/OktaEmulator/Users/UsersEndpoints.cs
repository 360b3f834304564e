using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Users;

/// <summary>GET /api/v1/users: the call a freshly minted service-app token is tried out on (okta.users.read).</summary>
internal static class UsersEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapGet("/api/v1/users", (HttpRequest r) => List(r.HttpContext, org)).RequireScope(ScopeRequirement.Read("users"));
        routes.MapGet("/api/v1/users/{userId}", (string userId) => Get(org, userId)).RequireScope(ScopeRequirement.Read("users"));
    }

    /// <summary>Okta pages users 200 at a time by default.</summary>
    private static IResult List(HttpContext context, OrgRuntime org)
    {
        var paging = Paging.From(context.Request, org.OrgUrl, defaultLimit: 200, maxLimit: 200);
        var array = new JsonArray();
        var response = ApiResponse.Ok(array);
        lock (org.Store.Gate)
        {
            foreach (var user in paging.Apply(org.Store.Users, u => u.Sequence, response))
            {
                array.Add(Json(user, org.OrgUrl));
            }
        }

        return response;
    }

    private static IResult Get(OrgRuntime org, string userId)
    {
        lock (org.Store.Gate)
        {
            var user = org.Store.Users.FirstOrDefault(u => u.Id == userId || u.Login.Equals(userId, StringComparison.OrdinalIgnoreCase));
            return user is null ? ApiResponse.NotFound(userId, "User") : ApiResponse.Ok(Json(user, org.OrgUrl));
        }
    }

    private static JsonObject Json(UserRecord user, string orgUrl) => new()
    {
        ["id"] = user.Id,
        ["status"] = user.Status,
        ["created"] = OktaTime.Format(user.Created),
        ["activated"] = user.Status == "ACTIVE" ? OktaTime.Format(user.Created) : null,
        ["statusChanged"] = OktaTime.Format(user.Created),
        ["lastLogin"] = null,
        ["lastUpdated"] = OktaTime.Format(user.Created),
        ["passwordChanged"] = null,
        ["type"] = new JsonObject { ["id"] = "oty" + "emulatordefault00" },
        ["profile"] = new JsonObject
        {
            ["firstName"] = user.FirstName,
            ["lastName"] = user.LastName,
            ["mobilePhone"] = null,
            ["secondEmail"] = null,
            ["login"] = user.Login,
            ["email"] = user.Email,
        },
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = $"{orgUrl}/api/v1/users/{user.Id}" } },
    };
}
