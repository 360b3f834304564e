using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OktaServiceApp.Core.Keys;

/// <summary>Private JWKs (RFC 7517/7518 §6): reading one (or a one-key JWKS) into key material, and writing one.</summary>
internal static class PrivateJwk
{
    private static readonly string[] s_rsaPrivateMembers = { "d", "p", "q", "dp", "dq", "qi" };

    public static bool LooksLikeJson(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '{';
    }

    public static KeyMaterial Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            // JsonException messages quote the offending character, so it is not kept as the inner exception.
            throw new KeyException(KeyProblem.UnknownFormat, "The text starts like JSON but is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new KeyException(KeyProblem.UnknownFormat, "The JSON is not a JWK object.");
            }

            if (!root.TryGetProperty("kty", out _) && root.TryGetProperty("keys", out var keys) &&
                keys.ValueKind == JsonValueKind.Array)
            {
                if (keys.GetArrayLength() != 1)
                {
                    throw new KeyException(KeyProblem.UnknownFormat,
                        $"The JWKS holds {keys.GetArrayLength()} keys; give a single private JWK.");
                }

                root = keys[0];
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new KeyException(KeyProblem.UnknownFormat, "The JWKS entry is not a JWK object.");
                }
            }

            var kty = GetString(root, "kty") ??
                throw new KeyException(KeyProblem.UnknownFormat, "The JSON is not a JWK: it has no 'kty' member.");
            var alg = GetString(root, "alg");
            var kid = GetString(root, "kid");
            return kty switch
            {
                "RSA" => ReadRsa(root, alg, kid),
                "EC" => ReadEc(root, alg, kid),
                _ => throw new KeyException(KeyProblem.UnsupportedKeyType,
                    $"The JWK key type '{Describe(kty)}' is not supported; use an RSA or EC key."),
            };
        }
    }

    public static string Write(KeyMaterial key, string keyId, string algorithm)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (key.Rsa is { } rsa)
            {
                writer.WriteString("kty", "RSA");
                WriteIdentity(writer, keyId, algorithm);
                WriteMember(writer, "n", rsa.Modulus!);
                WriteMember(writer, "e", rsa.Exponent!);
                WriteMember(writer, "d", rsa.D!);
                WriteMember(writer, "p", rsa.P!);
                WriteMember(writer, "q", rsa.Q!);
                WriteMember(writer, "dp", rsa.DP!);
                WriteMember(writer, "dq", rsa.DQ!);
                WriteMember(writer, "qi", rsa.InverseQ!);
            }
            else
            {
                var ec = key.Ec!.Value;
                writer.WriteString("kty", "EC");
                WriteIdentity(writer, keyId, algorithm);
                writer.WriteString("crv", key.Curve!.JwkName);
                WriteMember(writer, "x", ec.Q.X!);
                WriteMember(writer, "y", ec.Q.Y!);
                WriteMember(writer, "d", ec.D!);
            }

            writer.WriteEndObject();
        }

        var bytes = buffer.ToArray();
        var json = Encoding.UTF8.GetString(bytes);
        KeyMaterial.Wipe(bytes);
        return json;
    }

    private static KeyMaterial ReadRsa(JsonElement jwk, string? alg, string? kid)
    {
        if (jwk.TryGetProperty("oth", out _))
        {
            throw new KeyException(KeyProblem.UnsupportedKeyType, "Multi-prime RSA keys (JWK 'oth') are not supported.");
        }

        var n = GetBytes(jwk, "n") ?? throw MissingPublic("RSA", "n");
        var e = GetBytes(jwk, "e") ?? throw MissingPublic("RSA", "e");
        var present = s_rsaPrivateMembers.Where(name => jwk.TryGetProperty(name, out _)).ToList();
        if (present.Count == 0)
        {
            throw PublicOnly();
        }

        var missing = s_rsaPrivateMembers.Except(present).ToList();
        if (missing.Count > 0)
        {
            throw new KeyException(KeyProblem.MissingPrivateMember,
                $"The RSA JWK lacks the private member(s) {string.Join(", ", missing.Select(m => "'" + m + "'"))}.");
        }

        var d = GetBytes(jwk, "d")!;
        var p = GetBytes(jwk, "p")!;
        var q = GetBytes(jwk, "q")!;
        var dp = GetBytes(jwk, "dp")!;
        var dq = GetBytes(jwk, "dq")!;
        var qi = GetBytes(jwk, "qi")!;
        var shaped = RsaShape.Normalize(n, e, d, p, q, dp, dq, qi);
        foreach (var value in new[] { d, p, q, dp, dq, qi })
        {
            KeyMaterial.Wipe(value);
        }

        if (shaped is null)
        {
            throw new KeyException(KeyProblem.UnknownFormat, "The RSA JWK members do not form an RSA key.");
        }

        return KeyMaterial.ForRsa(shaped.Value, alg, kid);
    }

    private static KeyMaterial ReadEc(JsonElement jwk, string? alg, string? kid)
    {
        var crv = GetString(jwk, "crv") ?? throw MissingPublic("EC", "crv");
        var curve = EcCurve.FromJwkName(crv) ?? throw new KeyException(KeyProblem.UnsupportedCurve,
            $"The JWK curve '{Describe(crv)}' is not supported; use P-256, P-384 or P-521.");
        var x = GetBytes(jwk, "x") ?? throw MissingPublic("EC", "x");
        var y = GetBytes(jwk, "y") ?? throw MissingPublic("EC", "y");
        var d = GetBytes(jwk, "d") ?? throw PublicOnly();
        var q = new ECPoint { X = BigEndian.PadTo(x, curve.CoordinateSize), Y = BigEndian.PadTo(y, curve.CoordinateSize) };
        var paddedD = BigEndian.PadTo(d, curve.CoordinateSize);
        KeyMaterial.Wipe(d);
        if (q.X is null || q.Y is null || paddedD is null)
        {
            throw new KeyException(KeyProblem.UnknownFormat, $"The EC JWK members are too long for {curve.JwkName}.");
        }

        var parameters = new ECParameters { Curve = curve.ToECCurve(), Q = q, D = paddedD };
        return KeyMaterial.ForEc(parameters, curve, alg, kid);
    }

    private static void WriteIdentity(Utf8JsonWriter writer, string keyId, string algorithm)
    {
        writer.WriteString("kid", keyId);
        writer.WriteString("use", "sig");
        writer.WriteString("alg", algorithm);
    }

    private static void WriteMember(Utf8JsonWriter writer, string name, byte[] value) =>
        writer.WriteString(name, Base64Url.Encode(value));

    private static string? GetString(JsonElement jwk, string name)
    {
        if (!jwk.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new KeyException(KeyProblem.UnknownFormat, $"The JWK member '{name}' is not a string.");
        }

        return value.GetString();
    }

    private static byte[]? GetBytes(JsonElement jwk, string name)
    {
        var text = GetString(jwk, name);
        if (text is null)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.Decode(text);
            return bytes.Length == 0
                ? throw new KeyException(KeyProblem.UnknownFormat, $"The JWK member '{name}' is empty.")
                : bytes;
        }
        catch (FormatException)
        {
            throw new KeyException(KeyProblem.UnknownFormat, $"The JWK member '{name}' is not valid base64url.");
        }
    }

    // kty and crv values are echoed to help the user, but only when short and plain so no secret can ride along.
    private static string Describe(string value) =>
        value.Length <= 16 && value.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
            ? value
            : "(unrecognised)";

    private static KeyException MissingPublic(string kty, string member) =>
        new(KeyProblem.UnknownFormat, $"The {kty} JWK has no '{member}' member.");

    private static KeyException PublicOnly() =>
        new(KeyProblem.PublicKeyOnly, "The JWK holds only a public key; a private key (with 'd') is needed to sign.");
}
