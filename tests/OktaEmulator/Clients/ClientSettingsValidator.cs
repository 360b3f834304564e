using System.Text.Json.Nodes;
using OktaEmulator.Keys;

namespace OktaEmulator.Clients;

/// <summary>
/// Rules Okta applies to an OAuth client whichever API creates it. The service-app rules are the ones that matter
/// here: client_credentials only, private_key_jwt with a usable public JWKS.
/// </summary>
internal static class ClientSettingsValidator
{
    public const int MaxKeys = 50;

    private static readonly string[] ApplicationTypes = ["browser", "native", "service", "web"];
    private static readonly string[] AuthMethods = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"];
    private static readonly string[] ResponseTypes = ["code", "token", "id_token", "none"];

    private static readonly string[] GrantTypes =
    [
        "authorization_code", "implicit", "password", "refresh_token", "client_credentials",
        "urn:ietf:params:oauth:grant-type:saml2-bearer", "urn:ietf:params:oauth:grant-type:token-exchange",
        "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer", "interaction_code",
        "urn:okta:params:oauth:grant-type:otp", "urn:okta:params:oauth:grant-type:oob", "http://auth0.com/oauth/grant-type/mfa-otp",
        "http://auth0.com/oauth/grant-type/mfa-oob",
    ];

    /// <summary>Browser-only grants a service (machine-to-machine) client may not have.</summary>
    private static readonly string[] ForbiddenForService = ["authorization_code", "implicit"];

    public static ClientSettingsError? Validate(ClientSettings s)
    {
        if (!ApplicationTypes.Contains(s.ApplicationType))
        {
            return new("application_type", $"'{s.ApplicationType}' is not one of browser, native, service, web.");
        }

        if (s.GrantTypes.Count == 0)
        {
            return new("grant_types", "The field can't be left blank.");
        }

        if (s.GrantTypes.FirstOrDefault(g => !GrantTypes.Contains(g)) is { } unknownGrant)
        {
            return new("grant_types", $"'{unknownGrant}' is not a supported grant type.");
        }

        if (s.ApplicationType == "service")
        {
            if (!s.GrantTypes.Contains("client_credentials"))
            {
                return new("grant_types", "A service application must use the client_credentials grant type.");
            }

            if (s.GrantTypes.FirstOrDefault(ForbiddenForService.Contains) is { } browserGrant)
            {
                return new("grant_types", $"A service application can't use the '{browserGrant}' grant type.");
            }
        }

        if (s.ResponseTypes.FirstOrDefault(r => !ResponseTypes.Contains(r)) is { } unknownResponse)
        {
            return new("response_types", $"'{unknownResponse}' is not a supported response type.");
        }

        if ((s.GrantTypes.Contains("authorization_code") || s.GrantTypes.Contains("implicit")) && s.RedirectUris.Count == 0)
        {
            return new("redirect_uris", "The field can't be left blank when the authorization_code or implicit grant type is used.");
        }

        if (!AuthMethods.Contains(s.TokenEndpointAuthMethod))
        {
            return new("token_endpoint_auth_method", $"'{s.TokenEndpointAuthMethod}' is not a supported client authentication method.");
        }

        if (s.ApplicationType == "service" && s.TokenEndpointAuthMethod == "none")
        {
            return new("token_endpoint_auth_method", "A service application must authenticate; 'none' is not allowed.");
        }

        return ValidateKeys(s);
    }

    private static ClientSettingsError? ValidateKeys(ClientSettings s)
    {
        if (s.Jwks is not null && s.JwksUri is not null)
        {
            return new("jwks", "Specify either 'jwks' or 'jwks_uri', not both.");
        }

        if (s.JwksUri is not null && !(Uri.TryCreate(s.JwksUri, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            return new("jwks_uri", "The 'jwks_uri' must be an absolute URL.");
        }

        if (s.Jwks is not null)
        {
            if (s.Jwks is not JsonObject jwks || jwks["keys"] is not JsonArray keys)
            {
                return new("jwks", "The 'jwks' must be an object with a 'keys' array.");
            }

            if (keys.Count > MaxKeys)
            {
                return new("jwks", $"You can't have more than the maximum number of keys allowed ({MaxKeys}).");
            }

            foreach (var node in keys)
            {
                var key = JwkParser.Parse(node, out var error);
                if (key is null)
                {
                    return new("jwks", error);
                }

                s.Keys.Add(key);
            }

            if (!JwkParser.ValidateSet(s.Keys, out var setError))
            {
                return new("jwks", setError);
            }
        }

        if (s.TokenEndpointAuthMethod == "private_key_jwt" && !s.Keys.Any(k => k.Status != "INACTIVE") && s.JwksUri is null)
        {
            return new("jwks", "A 'jwks' with at least one active key or a 'jwks_uri' is required when 'token_endpoint_auth_method' is 'private_key_jwt'.");
        }

        return null;
    }
}
