using System.Text.Json.Nodes;
using OktaEmulator.Apps;
using OktaEmulator.Auth;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Grants;

/// <summary>Scope consent grants, /api/v1/apps/{appId}/grants (okta-api.md §3). Grant answers 200, as recorded (the spec says 201).</summary>
internal static class GrantsEndpoints
{
    private const string Base = "/api/v1/apps/{appId}/grants";

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        var read = ScopeRequirement.Read("appGrants");
        var manage = ScopeRequirement.Manage("appGrants");
        routes.MapPost(Base, (HttpContext c, string appId) => GrantAsync(c, org, appId)).RequireScope(manage);
        routes.MapGet(Base, (HttpContext c, string appId) => List(c, org, appId)).RequireScope(read);
        routes.MapGet(Base + "/{grantId}", (HttpContext c, string appId, string grantId) => Get(c, org, appId, grantId)).RequireScope(read);
        routes.MapDelete(Base + "/{grantId}", (string appId, string grantId) => Revoke(org, appId, grantId)).RequireScope(manage);
    }

    private static async Task<IResult> GrantAsync(HttpContext context, OrgRuntime org, string appId)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppsEndpoints.AppNotFound(appId);
            }

            if (body is null)
            {
                return ApiResponse.MalformedBody();
            }

            var scopeId = body.String("scopeId");
            var issuer = body.String("issuer");
            if (string.IsNullOrWhiteSpace(scopeId))
            {
                return ApiResponse.ValidationFailed("scopeId", "scopeId: The field cannot be left blank.");
            }

            if (string.IsNullOrWhiteSpace(issuer))
            {
                return ApiResponse.ValidationFailed("issuer", "issuer: The field cannot be left blank.");
            }

            // Exactly the org URL or the custom authorization server's issuer: "https://host/" (trailing slash) is another string.
            if (!GrantIssuerRule.Accepts(org.OrgUrl, issuer))
            {
                return ApiResponse.ValidationFailed("issuer",
                    $"issuer: '{issuer}' is not the issuer of an authorization server of this org ('{org.OrgUrl}').");
            }

            if (!ScopeCatalog.Contains(scopeId))
            {
                return ApiResponse.ValidationFailed("scopeId", $"scopeId: The scope '{scopeId}' is not a valid Okta scope.");
            }

            if (app.Grants.Any(g => g.ScopeId == scopeId && g.Issuer == issuer && g.Status == "ACTIVE"))
            {
                return DuplicateGrantRule.Refusal(scopeId);
            }

            var now = org.Now();
            var caller = Caller.Of(context);
            var grant = new GrantRecord
            {
                Id = OktaIds.Grant(),
                Sequence = org.Store.NextSequence(),
                AppId = app.Id,
                ClientId = app.ClientId,
                ScopeId = scopeId,
                Issuer = issuer,
                Created = now,
                LastUpdated = now,
                CreatedById = caller.Id,
                CreatedByType = caller.Type,
            };
            app.Grants.Add(grant);

            // The create response carries _embedded.scope even though a plain GET does not (recorded).
            return ApiResponse.Ok(GrantJson.Grant(grant, app, org.OrgUrl, embedScope: true));
        }
    }

    /// <summary>Okta documents no paging here; we page at 20 anyway (Link rel="next") so clients that ignore Link are caught.</summary>
    private static IResult List(HttpContext context, OrgRuntime org, string appId)
    {
        var embed = ExpandsScope(context);
        var paging = Paging.From(context.Request, org.OrgUrl, defaultLimit: 20, maxLimit: 200, "expand");
        var array = new JsonArray();
        var response = ApiResponse.Ok(array);
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppsEndpoints.AppNotFound(appId);
            }

            foreach (var grant in paging.Apply(app.Grants, g => g.Sequence, response))
            {
                array.Add(GrantJson.Grant(grant, app, org.OrgUrl, embed));
            }
        }

        return response;
    }

    private static IResult Get(HttpContext context, OrgRuntime org, string appId, string grantId)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppsEndpoints.AppNotFound(appId);
            }

            return app.Grants.FirstOrDefault(g => g.Id == grantId) is { } grant
                ? ApiResponse.Ok(GrantJson.Grant(grant, app, org.OrgUrl, ExpandsScope(context)))
                : GrantNotFound(grantId);
        }
    }

    /// <summary>Revoking removes the grant: a later GET is 404, as the .NET integration test expects.</summary>
    private static IResult Revoke(OrgRuntime org, string appId, string grantId)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppsEndpoints.AppNotFound(appId);
            }

            return app.Grants.RemoveAll(g => g.Id == grantId) > 0 ? ApiResponse.NoContent() : GrantNotFound(grantId);
        }
    }

    private static ApiResponse GrantNotFound(string grantId) => ApiResponse.NotFound(grantId, "OAuth2ScopeConsentGrant");

    private static bool ExpandsScope(HttpContext context) =>
        context.Request.Query["expand"].ToString().Split(',').Contains("scope", StringComparer.OrdinalIgnoreCase);
}
