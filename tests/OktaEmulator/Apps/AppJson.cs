using System.Text.Json.Nodes;
using OktaEmulator.Clients;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Apps;

/// <summary>The OpenIdConnectApplication object, laid out like the recorded Terraform response.</summary>
internal static class AppJson
{
    public static JsonObject App(AppRecord app, string orgUrl)
    {
        var self = $"{orgUrl}/api/v1/apps/{app.Id}";
        var oauthCredentials = new JsonObject
        {
            ["autoKeyRotation"] = true,
            ["client_id"] = app.ClientId,
            ["token_endpoint_auth_method"] = app.TokenEndpointAuthMethod,
            ["pkce_required"] = false,
        };
        if (app.ClientSecret is not null)
        {
            oauthCredentials["client_secret"] = app.ClientSecret;
        }

        var oauthSettings = new JsonObject
        {
            ["client_uri"] = app.ClientUri,
            ["logo_uri"] = app.LogoUri,
            ["redirect_uris"] = app.RedirectUris.ToJsonArray(),
            ["post_logout_redirect_uris"] = app.PostLogoutRedirectUris.ToJsonArray(),
            ["response_types"] = app.ResponseTypes.ToJsonArray(),
            ["grant_types"] = app.GrantTypes.ToJsonArray(),
            ["application_type"] = app.ApplicationType,
            ["consent_method"] = app.ConsentMethod,
            ["issuer_mode"] = "ORG_URL",
            ["wildcard_redirect"] = "DISABLED",
            ["dpop_bound_access_tokens"] = app.DpopBound,
        };
        if (app.JwksUri is not null)
        {
            oauthSettings["jwks_uri"] = app.JwksUri;
        }
        else if (app.Keys.Count > 0)
        {
            oauthSettings["jwks"] = new JsonObject { ["keys"] = new JsonArray(app.Keys.Select(k => (JsonNode?)KeyJson.InApp(k)).ToArray()) };
        }

        var lifecycle = app.Status == "ACTIVE" ? "deactivate" : "activate";
        return new JsonObject
        {
            ["id"] = app.Id,
            ["name"] = "oidc_client",
            ["label"] = app.Label,
            ["status"] = app.Status,
            ["lastUpdated"] = OktaTime.Format(app.LastUpdated),
            ["created"] = OktaTime.Format(app.Created),
            ["accessibility"] = new JsonObject { ["selfService"] = false, ["errorRedirectUrl"] = null, ["loginRedirectUrl"] = null },
            ["visibility"] = new JsonObject
            {
                ["autoSubmitToolbar"] = false,
                ["hide"] = new JsonObject { ["iOS"] = true, ["web"] = true },
            },
            ["features"] = new JsonArray(),
            ["signOnMode"] = "OPENID_CONNECT",
            ["credentials"] = new JsonObject
            {
                ["userNameTemplate"] = new JsonObject { ["template"] = "${source.login}", ["type"] = "BUILT_IN" },
                ["signing"] = new JsonObject(),
                ["oauthClient"] = oauthCredentials,
            },
            ["settings"] = new JsonObject { ["app"] = new JsonObject(), ["oauthClient"] = oauthSettings },
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["href"] = self },
                [lifecycle] = new JsonObject { ["href"] = $"{self}/lifecycle/{lifecycle}" },
                ["users"] = new JsonObject { ["href"] = $"{self}/users" },
                ["groups"] = new JsonObject { ["href"] = $"{self}/groups" },
            },
        };
    }
}
