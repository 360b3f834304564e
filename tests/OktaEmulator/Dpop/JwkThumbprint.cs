using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace OktaEmulator.Dpop;

/// <summary>RFC 7638 thumbprint (SHA-256, base64url): the value a DPoP-bound token carries as cnf.jkt.</summary>
internal static class JwkThumbprint
{
    public static string? Compute(JsonObject jwk)
    {
        var kty = Member(jwk, "kty");
        string? canonical = kty switch
        {
            // Required members only, in lexicographic order, no whitespace.
            "RSA" when Member(jwk, "e") is { } e && Member(jwk, "n") is { } n =>
                $"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}",
            "EC" when Member(jwk, "crv") is { } crv && Member(jwk, "x") is { } x && Member(jwk, "y") is { } y =>
                $"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}",
            _ => null,
        };

        return canonical is null ? null : Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string? Member(JsonObject jwk, string name) =>
        jwk[name] is JsonValue v && v.TryGetValue<string>(out var s) && !s.Contains('"') && !s.Contains('\\') ? s : null;
}
