using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Clients;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Dcr;

/// <summary>
/// Dynamic Client Registration, /oauth2/v1/clients (okta-api.md §1). 400s are OAuth-style invalid_client_metadata;
/// 404s are Okta-style E0000007, as the current spec says.
/// </summary>
internal static class DcrEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapPost("/oauth2/v1/clients", (HttpRequest r) => CreateAsync(r.HttpContext, org)).RequireScope(ScopeRequirement.RegisterClient);
        routes.MapGet("/oauth2/v1/clients", (HttpRequest r) => List(r.HttpContext, org)).RequireScope(ScopeRequirement.Read("clients"));
        routes.MapGet("/oauth2/v1/clients/{clientId}", (string clientId) => Get(org, clientId)).RequireScope(ScopeRequirement.Read("clients"));
        routes.MapPut("/oauth2/v1/clients/{clientId}", (HttpContext c, string clientId) => ReplaceAsync(c, org, clientId))
            .RequireScope(ScopeRequirement.Manage("clients"));
        routes.MapDelete("/oauth2/v1/clients/{clientId}", (string clientId) => Delete(org, clientId)).RequireScope(ScopeRequirement.Manage("clients"));
    }

    public static ApiResponse ClientNotFound(string clientId) => ApiResponse.NotFound(clientId, "PublicClientApp");

    private static async Task<IResult> CreateAsync(HttpContext context, OrgRuntime org)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body is null)
        {
            return InvalidMetadata("The request body was not well-formed.");
        }

        var (name, settings, error) = DcrRequest.Read(body);
        if (error is not null)
        {
            return InvalidMetadata(error);
        }

        lock (org.Store.Gate)
        {
            var app = AppFactory.Create(org, name!, settings!, "dcr", customClientId: null);
            app.ClientUri = body.String("client_uri");
            app.LogoUri = body.String("logo_uri");
            org.Store.Add(app);
            return ApiResponse.Json(StatusCodes.Status201Created, DcrJson.Client(app));
        }
    }

    private static IResult List(HttpContext context, OrgRuntime org)
    {
        var q = context.Request.Query["q"].ToString();
        var paging = Paging.From(context.Request, org.OrgUrl, defaultLimit: 20, maxLimit: 200, "q");
        var array = new JsonArray();
        var response = ApiResponse.Ok(array);
        lock (org.Store.Gate)
        {
            // q is a startsWith match on client_name ("may change", says the spec).
            var matching = org.Store.Apps.Where(a => q.Length == 0 || a.Label.StartsWith(q, StringComparison.OrdinalIgnoreCase));
            foreach (var app in paging.Apply(matching, a => a.Sequence, response))
            {
                array.Add(DcrJson.Client(app));
            }
        }

        return response;
    }

    private static IResult Get(OrgRuntime org, string clientId)
    {
        lock (org.Store.Gate)
        {
            return org.Store.FindClient(clientId) is { } app ? ApiResponse.Ok(DcrJson.Client(app)) : ClientNotFound(clientId);
        }
    }

    /// <summary>Full replace: everything not sent goes back to its default; client_id and client_id_issued_at are kept.</summary>
    private static async Task<IResult> ReplaceAsync(HttpContext context, OrgRuntime org, string clientId)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        lock (org.Store.Gate)
        {
            if (org.Store.FindClient(clientId) is not { } app)
            {
                return ClientNotFound(clientId);
            }

            if (body is null)
            {
                return InvalidMetadata("The request body was not well-formed.");
            }

            if (body.String("client_id") is { } sentId && sentId != clientId)
            {
                return InvalidMetadata(new ClientSettingsError("client_id", "The client_id can't be changed."));
            }

            var (name, settings, error) = DcrRequest.Read(body);
            if (error is not null)
            {
                return InvalidMetadata(error);
            }

            app.Label = name!;
            app.ClientUri = body.String("client_uri");
            app.LogoUri = body.String("logo_uri");
            AppFactory.Apply(app, settings!, org.Now());
            return ApiResponse.Ok(DcrJson.Client(app));
        }
    }

    private static IResult Delete(OrgRuntime org, string clientId)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindClient(clientId) is not { } app)
            {
                return ClientNotFound(clientId);
            }

            org.Store.Remove(app);
            return ApiResponse.NoContent();
        }
    }

    private static ApiResponse InvalidMetadata(ClientSettingsError error) => InvalidMetadata($"`{error.Field}`: {error.Message}");

    private static ApiResponse InvalidMetadata(string description) =>
        ApiResponse.OAuthError(StatusCodes.Status400BadRequest, "invalid_client_metadata", description);
}
