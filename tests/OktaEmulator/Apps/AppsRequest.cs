using System.Text.Json.Nodes;
using OktaEmulator.Clients;
using OktaEmulator.Http;

namespace OktaEmulator.Apps;

/// <summary>Reads an OpenIdConnectApplication body (POST /api/v1/apps), the shape Terraform sends in the recording.</summary>
internal static class AppsRequest
{
    /// <summary>Allowed characters of a custom client_id (S-mgmt ApplicationCredentialsOAuthClient).</summary>
    private const string ClientIdChars = "$-_.+!*'(),";

    public sealed record Parsed(string Label, ClientSettings Settings, string? CustomClientId);

    /// <summary>The app to create, or the Okta E0000001 answer (summary subject and cause).</summary>
    public static (Parsed? App, string? Subject, string? Cause) Read(JsonObject body)
    {
        var name = body.String("name");
        if (name != "oidc_client")
        {
            return Fail("name", name is null
                ? "name: The field cannot be left blank."
                : $"name: The emulated org only supports OpenID Connect apps ('oidc_client'), not '{name}'.");
        }

        var label = body.String("label");
        if (string.IsNullOrWhiteSpace(label))
        {
            return Fail("label", "label: The field cannot be left blank.");
        }

        if (body.String("signOnMode") != "OPENID_CONNECT")
        {
            return Fail("signOnMode", "signOnMode: An OIDC app must use the OPENID_CONNECT sign-on mode.");
        }

        var oauthCredentials = body.Object("credentials")?.Object("oauthClient");
        var oauthSettings = body.Object("settings")?.Object("oauthClient");
        if (oauthSettings is null)
        {
            return Fail("settings", "settings.oauthClient: The field cannot be left blank.");
        }

        var grantTypes = oauthSettings.StringList("grant_types", out var grantsValid);
        if (!grantsValid || grantTypes is null || grantTypes.Count == 0)
        {
            return Fail("grant_types", "grant_types: The field cannot be left blank.");
        }

        var settings = new ClientSettings
        {
            ApplicationType = oauthSettings.String("application_type") ?? "web",
            GrantTypes = grantTypes,
            ResponseTypes = oauthSettings.StringList("response_types", out _) ?? [],
            RedirectUris = oauthSettings.StringList("redirect_uris", out _) ?? [],
            PostLogoutRedirectUris = oauthSettings.StringList("post_logout_redirect_uris", out _) ?? [],
            TokenEndpointAuthMethod = oauthCredentials?.String("token_endpoint_auth_method") ?? "client_secret_basic",
            JwksUri = oauthSettings.String("jwks_uri"),
            Jwks = oauthSettings["jwks"],
            DpopBound = oauthSettings.Bool("dpop_bound_access_tokens") ?? false,
        };

        var clientId = oauthCredentials?.String("client_id");
        if (clientId is not null && !IsValidClientId(clientId))
        {
            return Fail("client_id", "client_id: must be 6 to 100 characters of letters, digits or $-_.+!*'(), and not ALL_CLIENTS.");
        }

        if (ClientSettingsValidator.Validate(settings) is { } error)
        {
            return error.IsKeyError ? Fail("JsonWebKey", error.Message) : Fail(error.Field, $"{error.Field}: {error.Message}");
        }

        return (new Parsed(label, settings, clientId), null, null);
    }

    private static bool IsValidClientId(string id) =>
        id.Length is >= 6 and <= 100 && id != "ALL_CLIENTS" && id.All(c => char.IsAsciiLetterOrDigit(c) || ClientIdChars.Contains(c));

    private static (Parsed?, string?, string?) Fail(string subject, string cause) => (null, subject, cause);
}
