using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OktaEmulator.Tests.Support;

/// <summary>Client assertions and DPoP proofs signed with Microsoft.IdentityModel, with every claim under the test's control.</summary>
public static class Jwts
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string NewJti() => Guid.NewGuid().ToString("N");

    /// <summary>A valid assertion for <paramref name="clientId"/>; <paramref name="edit"/> can break any claim.</summary>
    public static string Assertion(string clientId, string tokenUrl, SecurityKey key, DateTimeOffset now,
        string alg = SecurityAlgorithms.RsaSha256, Action<JsonObject>? edit = null)
    {
        var payload = new JsonObject
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = tokenUrl,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(50).ToUnixTimeSeconds(),
            ["jti"] = NewJti(),
        };
        edit?.Invoke(payload);
        return Sign(payload, key, alg, new Dictionary<string, object>());
    }

    /// <summary>A valid DPoP proof; <paramref name="edit"/> can break any claim, <paramref name="typ"/> the header type.</summary>
    public static string DpopProof(ECDsa key, string method, string url, DateTimeOffset now, string? nonce = null,
        string? accessToken = null, Action<JsonObject>? edit = null, string typ = "dpop+jwt", bool includeJwk = true)
    {
        var payload = new JsonObject
        {
            ["htm"] = method,
            ["htu"] = url,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = NewJti(),
        };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        if (accessToken is not null)
        {
            payload["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }

        edit?.Invoke(payload);
        var header = new Dictionary<string, object> { ["typ"] = typ };
        if (includeJwk)
        {
            var jwk = TestKeys.PublicJwk(key);
            header["jwk"] = jwk.ToDictionary(p => p.Key, p => (object)p.Value!.GetValue<string>());
        }

        return Sign(payload, TestKeys.SigningKey(key), SecurityAlgorithms.EcdsaSha256, header);
    }

    /// <summary>RFC 7638 thumbprint via IdentityModel, to cross-check the emulator's own computation.</summary>
    public static string Thumbprint(ECDsa key) =>
        Base64UrlEncoder.Encode(new JsonWebKey(TestKeys.PublicJwk(key).ToJsonString()).ComputeJwkThumbprint());

    private static string Sign(JsonObject payload, SecurityKey key, string alg, Dictionary<string, object> header) =>
        Handler.CreateToken(payload.ToJsonString(), new SigningCredentials(key, alg), header);

    /// <summary>Decodes a compact JWT's header, for tests that check what was signed.</summary>
    public static JsonObject Header(string jwt) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[0]))!.AsObject();
}
