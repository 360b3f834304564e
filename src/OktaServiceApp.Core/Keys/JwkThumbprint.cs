using System.Security.Cryptography;
using System.Text.Json;

namespace OktaServiceApp.Core.Keys;

/// <summary>RFC 7638 JWK thumbprint: SHA-256 over the required public members in lexicographic order, no whitespace.</summary>
internal static class JwkThumbprint
{
    public static string Compute(PublicJwk jwk)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            switch (jwk.Kty)
            {
                case "RSA":
                    writer.WriteString("e", Required(jwk.E, "e"));
                    writer.WriteString("kty", "RSA");
                    writer.WriteString("n", Required(jwk.N, "n"));
                    break;
                case "EC":
                    writer.WriteString("crv", Required(jwk.Crv, "crv"));
                    writer.WriteString("kty", "EC");
                    writer.WriteString("x", Required(jwk.X, "x"));
                    writer.WriteString("y", Required(jwk.Y, "y"));
                    break;
                default:
                    throw new ArgumentException($"A thumbprint needs kty RSA or EC, not '{jwk.Kty}'.", nameof(jwk));
            }

            writer.WriteEndObject();
        }

        using var sha256 = SHA256.Create();
        return Base64Url.Encode(sha256.ComputeHash(buffer.ToArray()));
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"The JWK has no '{name}' member.", nameof(value)) : value!;
}
