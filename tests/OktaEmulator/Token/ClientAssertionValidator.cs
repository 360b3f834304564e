using System.Text.Json.Nodes;
using OktaEmulator.Hosting;
using OktaEmulator.Keys;
using OktaEmulator.State;

namespace OktaEmulator.Token;

/// <summary>
/// private_key_jwt client authentication at the org token endpoint (okta-api.md §4.2), with Okta's error texts.
/// The jti is burned as soon as the assertion parses, before anything can fail, because Okta does the same
/// (it consumes the jti even on a use_dpop_nonce 400): a client must sign a new assertion for every POST.
/// </summary>
internal sealed class ClientAssertionValidator
{
    /// <summary>Okta's limit on how far ahead an assertion may expire.</summary>
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(5);

    private readonly OrgRuntime _org;

    public ClientAssertionValidator(OrgRuntime org) => _org = org;

    /// <summary>The authenticated client, or the refusal.</summary>
    public async Task<(AppRecord? Client, TokenError? Error)> ValidateAsync(string assertion, string? formClientId)
    {
        var jwt = CompactJwt.TryParse(assertion);
        if (jwt is null)
        {
            return Fail("The client_assertion token is malformed.");
        }

        var iss = jwt.StringClaim("iss");
        if (jwt.StringClaim("jti") is { Length: > 0 } jti)
        {
            lock (_org.Store.Gate)
            {
                if (!_org.Store.AssertionJtis.TryConsume(iss ?? "", jti))
                {
                    return Fail("The client_assertion token has already been used.");
                }
            }
        }

        if (jwt.Alg is null || !JwsVerifier.AllowedAlgorithms.Contains(jwt.Alg))
        {
            return Fail("The client_assertion JWT signature algorithm is invalid.");
        }

        if (string.IsNullOrEmpty(iss))
        {
            return Fail("The issuer claim for client_assertion is not a valid client_id.");
        }

        if (jwt.StringClaim("sub") != iss)
        {
            return Fail("The subject claim for client_assertion is not a valid client_id.");
        }

        if (formClientId is not null && formClientId != iss)
        {
            return Fail("Invalid value for 'client_id' parameter.");
        }

        AppRecord? client;
        AppKey[] activeKeys;
        lock (_org.Store.Gate)
        {
            client = _org.Store.FindClient(iss);
            activeKeys = client?.ActiveKeys.ToArray() ?? [];
        }

        if (client is null || client.Status != "ACTIVE")
        {
            return Fail("Invalid value for 'client_id' parameter.");
        }

        if (client.TokenEndpointAuthMethod != "private_key_jwt")
        {
            return Fail("Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.");
        }

        if (client.ApplicationType != "service")
        {
            return Fail("Only clients with 'application_type' of 'service' may use the client_credentials 'grant_type' with the Org Authorization Server.");
        }

        if (!client.GrantTypes.Contains("client_credentials"))
        {
            return (null, new TokenError(StatusCodes.Status400BadRequest, "unauthorized_client",
                $"The client is not authorized to use the provided grant type. Configured grant types: [{string.Join(", ", client.GrantTypes)}]."));
        }

        if (activeKeys.Length == 0)
        {
            return Fail(client.JwksUri is null
                ? "The client does not have a JWKSet configured for private_key_jwt client authentication."
                : "The emulated org does not fetch jwks_uri; register the public keys in 'jwks' instead.");
        }

        // Only ACTIVE keys count. Without a kid the key is unambiguous only when there is exactly one.
        var key = jwt.Kid is { } kid
            ? activeKeys.FirstOrDefault(k => k.Kid == kid)
            : activeKeys.Length == 1 ? activeKeys[0] : null;
        if (key is null)
        {
            return Fail("The client_assertion JWT kid is invalid.");
        }

        if (!JwsVerifier.AlgorithmFits(jwt.Alg, key.Kty))
        {
            return Fail("The client_assertion JWT signature algorithm is invalid.");
        }

        if (!await JwsVerifier.VerifyAsync(jwt.Raw, key.VerificationKey, jwt.Alg))
        {
            return Fail("The client_assertion signature is invalid.");
        }

        return CheckTimesAndAudience(jwt) is { } error ? (null, error) : (client, null);
    }

    private TokenError? CheckTimesAndAudience(CompactJwt jwt)
    {
        if (!AudienceIsTokenEndpoint(jwt.Payload["aud"]))
        {
            return TokenError.InvalidClient("The audience claim for client_assertion must be the endpoint invoked for the request.");
        }

        var now = _org.Now();
        if (jwt.TimeClaim("exp") is not { } expSeconds)
        {
            return TokenError.InvalidClient("The client_assertion token must contain the 'exp' claim.");
        }

        var exp = DateTimeOffset.FromUnixTimeSeconds(expSeconds);
        if (exp + Skew <= now)
        {
            return TokenError.InvalidClient("The client_assertion token is expired.");
        }

        if (exp > now + MaxLifetime + Skew)
        {
            return TokenError.InvalidClient("The client_assertion token has an expiration too far into the future.");
        }

        if (jwt.TimeClaim("iat") is { } iat && DateTimeOffset.FromUnixTimeSeconds(iat) > now + Skew)
        {
            return TokenError.InvalidClient("The client_assertion token must be issued before the current time.");
        }

        return null;
    }

    /// <summary>aud must be exactly "{org}/oauth2/v1/token": a string, or an array holding only that string.</summary>
    private bool AudienceIsTokenEndpoint(JsonNode? aud) => aud switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s == _org.TokenEndpoint,
        JsonArray { Count: 1 } a when a[0] is JsonValue v && v.TryGetValue<string>(out var s) => s == _org.TokenEndpoint,
        _ => false,
    };

    private static (AppRecord?, TokenError?) Fail(string description) => (null, TokenError.InvalidClient(description));
}
