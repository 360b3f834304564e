using System.Text.Json.Nodes;
using OktaEmulator.Clients;
using OktaEmulator.Http;

namespace OktaEmulator.Dcr;

/// <summary>Reads a DCR client body (RFC 7591 field names). Unknown fields are tolerated, as Okta does.</summary>
internal static class DcrRequest
{
    /// <summary>The client name and settings, or the (field, message) Okta would answer with invalid_client_metadata.</summary>
    public static (string? Name, ClientSettings? Settings, ClientSettingsError? Error) Read(JsonObject body)
    {
        var name = body.String("client_name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null, new("client_name", "The field can't be left blank."));
        }

        var settings = new ClientSettings
        {
            ApplicationType = body.String("application_type") ?? "web",
            TokenEndpointAuthMethod = body.String("token_endpoint_auth_method") ?? "client_secret_basic",
            JwksUri = body.String("jwks_uri"),
            Jwks = body["jwks"],
        };

        foreach (var (field, apply) in new (string, Action<List<string>>)[]
                 {
                     ("grant_types", v => settings.GrantTypes = v),
                     ("response_types", v => settings.ResponseTypes = v),
                     ("redirect_uris", v => settings.RedirectUris = v),
                     ("post_logout_redirect_uris", v => settings.PostLogoutRedirectUris = v),
                 })
        {
            var list = body.StringList(field, out var valid);
            if (!valid)
            {
                return (null, null, new(field, "The field must be an array of strings."));
            }

            if (list is not null)
            {
                apply(list);
            }
        }

        return (name, settings, ClientSettingsValidator.Validate(settings));
    }
}
