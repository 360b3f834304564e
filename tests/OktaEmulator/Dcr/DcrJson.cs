using System.Text.Json.Nodes;
using OktaEmulator.Clients;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Dcr;

/// <summary>The DCR client object (S-oauth Client), as in the ClientResponseServiceJwks example.</summary>
internal static class DcrJson
{
    public static JsonObject Client(AppRecord app)
    {
        var json = new JsonObject
        {
            ["client_id"] = app.ClientId,
            ["client_id_issued_at"] = app.Created.ToUnixTimeSeconds(),
            ["client_name"] = app.Label,
            ["client_uri"] = app.ClientUri,
            ["logo_uri"] = app.LogoUri,
            ["redirect_uris"] = app.RedirectUris.ToJsonArray(),
            ["response_types"] = app.ResponseTypes.ToJsonArray(),
            ["grant_types"] = app.GrantTypes.ToJsonArray(),
            ["token_endpoint_auth_method"] = app.TokenEndpointAuthMethod,
            ["application_type"] = app.ApplicationType,
        };

        if (app.PostLogoutRedirectUris.Count > 0)
        {
            json["post_logout_redirect_uris"] = app.PostLogoutRedirectUris.ToJsonArray();
        }

        if (app.ClientSecret is not null)
        {
            json["client_secret"] = app.ClientSecret;
            json["client_secret_expires_at"] = 0;
        }

        if (app.JwksUri is not null)
        {
            json["jwks_uri"] = app.JwksUri;
        }
        else if (app.Keys.Count > 0)
        {
            json["jwks"] = new JsonObject { ["keys"] = new JsonArray(app.Keys.Select(k => (JsonNode?)KeyJson.Dcr(k)).ToArray()) };
        }

        return json;
    }
}
