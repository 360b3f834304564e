using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Clients;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Apps;

/// <summary>Apps API for OIDC apps, /api/v1/apps (okta-api.md §2). Errors are Okta-style; create answers 200, not 201.</summary>
internal static class AppsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        var read = ScopeRequirement.Read("apps");
        var manage = ScopeRequirement.Manage("apps");
        routes.MapPost("/api/v1/apps", (HttpRequest r) => CreateAsync(r.HttpContext, org)).RequireScope(manage);
        routes.MapGet("/api/v1/apps", (HttpRequest r) => List(r.HttpContext, org)).RequireScope(read);
        routes.MapGet("/api/v1/apps/{appId}", (string appId) => Get(org, appId)).RequireScope(read);
        routes.MapPost("/api/v1/apps/{appId}/lifecycle/activate", (string appId) => SetStatus(org, appId, "ACTIVE")).RequireScope(manage);
        routes.MapPost("/api/v1/apps/{appId}/lifecycle/deactivate", (string appId) => SetStatus(org, appId, "INACTIVE")).RequireScope(manage);
        routes.MapDelete("/api/v1/apps/{appId}", (string appId) => Delete(org, appId)).RequireScope(manage);
    }

    public static ApiResponse AppNotFound(string appId) => ApiResponse.NotFound(appId, "AppInstance");

    private static async Task<IResult> CreateAsync(HttpContext context, OrgRuntime org)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body is null)
        {
            return ApiResponse.MalformedBody();
        }

        var (parsed, subject, cause) = AppsRequest.Read(body);
        if (parsed is null)
        {
            return ApiResponse.ValidationFailed(subject!, cause!);
        }

        // activate defaults to true; only an explicit false creates the app INACTIVE.
        var activate = !string.Equals(context.Request.Query["activate"], "false", StringComparison.OrdinalIgnoreCase);
        lock (org.Store.Gate)
        {
            if (parsed.CustomClientId is { } clientId && org.Store.ClientIdTaken(clientId))
            {
                return ApiResponse.ValidationFailed("client_id", "client_id: An object with this field already exists in the current organization");
            }

            var app = AppFactory.Create(org, parsed.Label, parsed.Settings, "apps", parsed.CustomClientId);
            app.Status = activate ? "ACTIVE" : "INACTIVE";
            org.Store.Add(app);
            return ApiResponse.Ok(AppJson.App(app, org.OrgUrl));
        }
    }

    /// <summary>q is a startsWith match on name or label (S-mgmt listApplications).</summary>
    private static IResult List(HttpContext context, OrgRuntime org)
    {
        var q = context.Request.Query["q"].ToString();
        var paging = Paging.From(context.Request, org.OrgUrl, defaultLimit: 20, maxLimit: 200, "q");
        var array = new JsonArray();
        var response = ApiResponse.Ok(array);
        lock (org.Store.Gate)
        {
            var matching = org.Store.Apps.Where(a => q.Length == 0
                || a.Label.StartsWith(q, StringComparison.OrdinalIgnoreCase)
                || "oidc_client".StartsWith(q, StringComparison.OrdinalIgnoreCase));
            foreach (var app in paging.Apply(matching, a => a.Sequence, response))
            {
                array.Add(AppJson.App(app, org.OrgUrl));
            }
        }

        return response;
    }

    private static IResult Get(OrgRuntime org, string appId)
    {
        lock (org.Store.Gate)
        {
            return org.Store.FindApp(appId) is { } app ? ApiResponse.Ok(AppJson.App(app, org.OrgUrl)) : AppNotFound(appId);
        }
    }

    /// <summary>Lifecycle calls answer 200 with an empty object, as recorded.</summary>
    private static IResult SetStatus(OrgRuntime org, string appId, string status)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppNotFound(appId);
            }

            app.Status = status;
            app.LastUpdated = org.Now();
            return ApiResponse.Ok(new JsonObject());
        }
    }

    /// <summary>Okta deletes only inactive apps ("Deletes an inactive application"): deactivate first.</summary>
    private static IResult Delete(OrgRuntime org, string appId)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppNotFound(appId);
            }

            if (app.Status == "ACTIVE")
            {
                return ApiResponse.ValidationFailed("app", "Application must be deactivated before it can be deleted.");
            }

            org.Store.Remove(app);
            return ApiResponse.NoContent();
        }
    }
}
