using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Clients;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.Keys;
using OktaEmulator.State;

namespace OktaEmulator.Apps;

/// <summary>
/// Client JWKS of an app, /api/v1/apps/{appId}/credentials/jwks (okta-api.md §2.1): the key-rotation API.
/// Every refusal is E0000001 "Api validation failed: JsonWebKey" with Okta's documented cause.
/// </summary>
internal static class AppKeysEndpoints
{
    public const string TooManyKeys = "You can't create a new key. You have reached the maximum number of keys allowed (50). To add another key, you must first delete an existing one.";
    public const string KidMissingWithOthers = "Each key should have a unique kid when adding multiple keys. Use the Apps API to update the JWKS to add a kid for the existing key, or delete the existing key and re-add the key with a kid using the JWKS APIs.";
    public const string DeleteActive = "You can't delete an active JSON Web Key. Deactivate the key before deleting it.";
    public const string DeactivateOnlyActive = "Can't deactivate the only active JSON Web Key when the value for `token_endpoint_auth_method` is `private_key_jwt`.";

    private const string Base = "/api/v1/apps/{appId}/credentials/jwks";

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        var read = ScopeRequirement.Read("apps");
        var manage = ScopeRequirement.Manage("apps");
        routes.MapGet(Base, (string appId) => List(org, appId)).RequireScope(read);
        routes.MapPost(Base, (HttpContext c, string appId) => AddAsync(c, org, appId)).RequireScope(manage);
        routes.MapGet(Base + "/{keyId}", (string appId, string keyId) => WithKey(org, appId, keyId, (app, key) => Ok(org, app, key))).RequireScope(read);
        routes.MapDelete(Base + "/{keyId}", (string appId, string keyId) => WithKey(org, appId, keyId, (app, key) => Delete(app, key))).RequireScope(manage);
        routes.MapPost(Base + "/{keyId}/lifecycle/activate", (string appId, string keyId) =>
            WithKey(org, appId, keyId, (app, key) => SetStatus(org, app, key, "ACTIVE"))).RequireScope(manage);
        routes.MapPost(Base + "/{keyId}/lifecycle/deactivate", (string appId, string keyId) =>
            WithKey(org, appId, keyId, (app, key) => SetStatus(org, app, key, "INACTIVE"))).RequireScope(manage);
    }

    /// <summary>The spec's schema says an array of keys (its example disagrees); an array is what we send.</summary>
    private static IResult List(OrgRuntime org, string appId)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppsEndpoints.AppNotFound(appId);
            }

            return ApiResponse.Ok(new JsonArray(app.Keys.Select(k => (JsonNode?)KeyJson.Resource(k, org.OrgUrl, app.Id)).ToArray()));
        }
    }

    private static async Task<IResult> AddAsync(HttpContext context, OrgRuntime org, string appId)
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

            var parsed = JwkParser.Parse(body, out var error);
            if (parsed is null)
            {
                return KeyRefused(error);
            }

            if (app.Keys.Count >= ClientSettingsValidator.MaxKeys)
            {
                return KeyRefused(TooManyKeys);
            }

            if (app.Keys.Count > 0 && (string.IsNullOrEmpty(parsed.Kid) || app.Keys.Any(k => string.IsNullOrEmpty(k.Kid))))
            {
                return KeyRefused(KidMissingWithOthers);
            }

            if (app.Keys.Any(k => k.Kid == parsed.Kid))
            {
                return KeyRefused(JwkParser.KidNotUnique);
            }

            var now = org.Now();
            var key = AppKey.From(parsed, OktaIds.JwkKey(), now);
            app.Keys.Add(key);
            app.LastUpdated = now;
            return ApiResponse.Json(StatusCodes.Status201Created, KeyJson.Resource(key, org.OrgUrl, app.Id));
        }
    }

    private static IResult WithKey(OrgRuntime org, string appId, string keyId, Func<AppRecord, AppKey, IResult> action)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindApp(appId) is not { } app)
            {
                return AppsEndpoints.AppNotFound(appId);
            }

            var key = app.Keys.FirstOrDefault(k => k.Id == keyId);
            return key is null ? ApiResponse.NotFound(keyId, "JsonWebKey") : action(app, key);
        }
    }

    private static IResult Ok(OrgRuntime org, AppRecord app, AppKey key) => ApiResponse.Ok(KeyJson.Resource(key, org.OrgUrl, app.Id));

    private static IResult Delete(AppRecord app, AppKey key)
    {
        if (key.IsActive)
        {
            return KeyRefused(DeleteActive);
        }

        app.Keys.Remove(key);
        return ApiResponse.NoContent();
    }

    private static IResult SetStatus(OrgRuntime org, AppRecord app, AppKey key, string status)
    {
        if (status == "INACTIVE" && key.IsActive && app.TokenEndpointAuthMethod == "private_key_jwt" && app.JwksUri is null
            && app.ActiveKeys.Count() == 1)
        {
            return KeyRefused(DeactivateOnlyActive);
        }

        if (key.Status != status)
        {
            key.Status = status;
            key.LastUpdated = org.Now();
        }

        return Ok(org, app, key);
    }

    private static ApiResponse KeyRefused(string cause) => ApiResponse.ValidationFailed("JsonWebKey", cause);
}
