using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Apps;

/// <summary>Apps API (/api/v1/apps) bodies, used for DPoP-bound service apps (DCR has no DPoP field).</summary>
internal static class AppsApiModels
{
    public static CreateAppRequest CreateRequest(string label, IReadOnlyList<PublicJwk> keys) => new()
    {
        Label = label,
        Settings = new AppSettings
        {
            OauthClient = new AppSettingsOAuthClient { Jwks = new JwksDocument { Keys = keys.ToList() } },
        },
    };

    public static ServiceApp Map(JsonElement app, OktaResponse? response)
    {
        if (app.ValueKind != JsonValueKind.Object)
        {
            throw response?.Malformed("an app that is not a JSON object", null) ??
                  new OktaApiException(OktaErrorKind.MalformedResponse, "Okta listed an app that is not a JSON object.");
        }

        app.TryGetObject("credentials", out var credentials);
        JsonElement credentialsClient = default;
        var hasCredentialsClient = credentials.ValueKind == JsonValueKind.Object &&
                                   credentials.TryGetObject("oauthClient", out credentialsClient);
        app.TryGetObject("settings", out var settings);
        JsonElement settingsClient = default;
        var hasSettingsClient = settings.ValueKind == JsonValueKind.Object &&
                                settings.TryGetObject("oauthClient", out settingsClient);

        var clientId = (hasCredentialsClient ? credentialsClient.GetString("client_id") : null) ?? app.GetString("id");
        if (clientId is null && response is not null)
        {
            throw response.Malformed("an app without id", null);
        }

        var created = app.GetDate("created");

        bool? dpop = null;
        if (hasSettingsClient && settingsClient.TryGetProperty("dpop_bound_access_tokens", out var dpopElement))
        {
            dpop = dpopElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        return new ServiceApp
        {
            ClientId = clientId ?? "",
            Name = app.GetString("label") ?? "",
            ApplicationType = hasSettingsClient ? settingsClient.GetString("application_type") : null,
            GrantTypes = hasSettingsClient ? settingsClient.GetStringList("grant_types") : Array.Empty<string>(),
            TokenEndpointAuthMethod = hasCredentialsClient ? credentialsClient.GetString("token_endpoint_auth_method") : null,
            Keys = hasSettingsClient ? JwkReader.ReadKeys(settingsClient, "jwks") : Array.Empty<PublicJwk>(),
            CreatedAt = created,
            RequireDpop = dpop,
        };
    }

    internal sealed class CreateAppRequest
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "oidc_client";
        [JsonPropertyName("label")] public string Label { get; set; } = "";
        [JsonPropertyName("signOnMode")] public string SignOnMode { get; set; } = "OPENID_CONNECT";
        [JsonPropertyName("credentials")] public AppCredentials Credentials { get; set; } = new();
        [JsonPropertyName("settings")] public AppSettings Settings { get; set; } = new();
    }

    internal sealed class AppCredentials
    {
        [JsonPropertyName("oauthClient")] public AppCredentialsOAuthClient OauthClient { get; set; } = new();
    }

    internal sealed class AppCredentialsOAuthClient
    {
        [JsonPropertyName("token_endpoint_auth_method")] public string TokenEndpointAuthMethod { get; set; } = "private_key_jwt";
        [JsonPropertyName("autoKeyRotation")] public bool AutoKeyRotation { get; set; } = true;
    }

    internal sealed class AppSettings
    {
        [JsonPropertyName("oauthClient")] public AppSettingsOAuthClient OauthClient { get; set; } = new();
    }

    internal sealed class AppSettingsOAuthClient
    {
        [JsonPropertyName("application_type")] public string ApplicationType { get; set; } = "service";
        [JsonPropertyName("grant_types")] public string[] GrantTypes { get; set; } = { "client_credentials" };
        [JsonPropertyName("response_types")] public string[] ResponseTypes { get; set; } = { "token" };
        [JsonPropertyName("consent_method")] public string ConsentMethod { get; set; } = "TRUSTED";
        [JsonPropertyName("jwks")] public JwksDocument Jwks { get; set; } = new();
        [JsonPropertyName("dpop_bound_access_tokens")] public bool DpopBoundAccessTokens { get; set; } = true;
    }
}
