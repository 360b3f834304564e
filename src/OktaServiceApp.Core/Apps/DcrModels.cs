using System.Text.Json;
using System.Text.Json.Serialization;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Apps;

/// <summary>Dynamic Client Registration (/oauth2/v1/clients) bodies.</summary>
internal static class DcrModels
{
    /// <summary>Exactly the seed guide's service-client body (okta-api.md §1.2).</summary>
    public static CreateClientRequest CreateRequest(string name, IReadOnlyList<PublicJwk> keys) => new()
    {
        ClientName = name,
        Jwks = new JwksDocument { Keys = keys.ToList() },
    };

    public static ServiceApp Map(JsonElement client, OktaResponse? response)
    {
        if (client.ValueKind != JsonValueKind.Object)
        {
            throw response?.Malformed("a client that is not a JSON object", null) ??
                  new OktaApiException(OktaErrorKind.MalformedResponse, "Okta listed a client that is not a JSON object.");
        }

        var clientId = client.GetString("client_id");
        if (clientId is null && response is not null)
        {
            throw response.Malformed("a client without client_id", null);
        }

        DateTimeOffset? created = null;
        if (client.TryGetProperty("client_id_issued_at", out var issued) && issued.ValueKind == JsonValueKind.Number &&
            issued.TryGetInt64(out var seconds) && seconds > 0)
        {
            created = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return new ServiceApp
        {
            ClientId = clientId ?? "",
            Name = client.GetString("client_name") ?? "",
            ApplicationType = client.GetString("application_type"),
            GrantTypes = client.GetStringList("grant_types"),
            TokenEndpointAuthMethod = client.GetString("token_endpoint_auth_method"),
            Keys = JwkReader.ReadKeys(client, "jwks"),
            CreatedAt = created,
            RequireDpop = null,
        };
    }

    internal sealed class CreateClientRequest
    {
        [JsonPropertyName("client_name")] public string ClientName { get; set; } = "";
        [JsonPropertyName("response_types")] public string[] ResponseTypes { get; set; } = { "token" };
        [JsonPropertyName("grant_types")] public string[] GrantTypes { get; set; } = { "client_credentials" };
        [JsonPropertyName("token_endpoint_auth_method")] public string TokenEndpointAuthMethod { get; set; } = "private_key_jwt";
        [JsonPropertyName("application_type")] public string ApplicationType { get; set; } = "service";
        [JsonPropertyName("jwks")] public JwksDocument Jwks { get; set; } = new();
    }
}

internal sealed class JwksDocument
{
    [JsonPropertyName("keys")] public List<PublicJwk> Keys { get; set; } = new();
}

/// <summary>Reads JWKs from responses: tolerates "use": null, "crv": null, unknown members (id, status, created, _links).</summary>
internal static class JwkReader
{
    public static IReadOnlyList<PublicJwk> ReadKeys(JsonElement owner, string jwksProperty)
    {
        if (!owner.TryGetObject(jwksProperty, out var jwks) || !jwks.TryGetProperty("keys", out var keys) ||
            keys.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<PublicJwk>();
        }

        var list = new List<PublicJwk>();
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            list.Add(ReadKey(key));
        }

        return list;
    }

    /// <summary>Only public members are copied; a private member in a response would be dropped here.</summary>
    public static PublicJwk ReadKey(JsonElement key) => new()
    {
        Kty = key.GetString("kty") ?? "",
        Kid = key.GetString("kid"),
        Alg = key.GetString("alg"),
        Use = key.GetString("use"),
        N = key.GetString("n"),
        E = key.GetString("e"),
        Crv = key.GetString("crv"),
        X = key.GetString("x"),
        Y = key.GetString("y"),
    };
}
