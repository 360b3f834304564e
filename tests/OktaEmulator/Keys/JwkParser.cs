using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using OktaEmulator.Http;

namespace OktaEmulator.Keys;

/// <summary>
/// Validates client public keys the way Okta does at registration (DCR, Apps API, JWKS API), so a module that
/// uploads a private key, a short RSA key or a broken EC point is refused here as it would be by the real org.
/// Messages are the causes Okta documents where it documents one.
/// </summary>
internal static class JwkParser
{
    public const string RsaTooShort = "RSA key length in the 'jwks' is less than '2,048' bits for the given key.";
    public const string KidNotUnique = "All keys in the 'jwks' must have a unique `kid`.";
    public const string KidRequired = "Each key must have a `kid` when the 'jwks' has more than one key.";
    public const string PrivateMaterial = "The 'jwks' must contain public keys only; private key members (d, p, q, dp, dq, qi) are not allowed.";

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
    private static readonly string[] RsaAlgs = ["RS256", "RS384", "RS512"];
    private static readonly string[] EcAlgs = ["ES256", "ES384", "ES512"];

    /// <summary>Parses one key; returns null and an error message when Okta would refuse it.</summary>
    public static ParsedJwk? Parse(JsonNode? node, out string error)
    {
        error = "";
        if (node is not JsonObject jwk)
        {
            error = "Each key in the 'jwks' must be a JSON object.";
            return null;
        }

        if (PrivateMembers.Any(jwk.ContainsKey))
        {
            error = PrivateMaterial;
            return null;
        }

        var kty = jwk.String("kty");
        var kid = jwk.String("kid");
        var alg = jwk.String("alg");
        var use = jwk.String("use");
        var status = jwk.String("status");

        if (use is not null && use != "sig")
        {
            error = "The 'use' of a key in the 'jwks' must be 'sig'.";
            return null;
        }

        if (status is not null && status is not ("ACTIVE" or "INACTIVE"))
        {
            error = "The 'status' of a key in the 'jwks' must be ACTIVE or INACTIVE.";
            return null;
        }

        var key = kty switch
        {
            "RSA" => ParseRsa(jwk, alg, out error),
            "EC" => ParseEc(jwk, alg, out error),
            _ => Fail($"The key type '{kty}' is not supported in the 'jwks'; use RSA or EC.", out error),
        };
        if (key is null)
        {
            return null;
        }

        return new ParsedJwk
        {
            Kty = kty!,
            Kid = kid,
            Alg = alg,
            Use = use,
            Status = status,
            Material = key.Value.Material,
            VerificationKey = key.Value.Key,
        };
    }

    /// <summary>Rules over the whole set: a kid on every key once there is more than one, and no kid twice.</summary>
    public static bool ValidateSet(IReadOnlyList<ParsedJwk> keys, out string error)
    {
        error = "";
        if (keys.Count > 1 && keys.Any(k => string.IsNullOrEmpty(k.Kid)))
        {
            error = KidRequired;
            return false;
        }

        if (keys.Where(k => !string.IsNullOrEmpty(k.Kid)).GroupBy(k => k.Kid, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            error = KidNotUnique;
            return false;
        }

        return true;
    }

    private static (JsonObject Material, SecurityKey Key)? ParseRsa(JsonObject jwk, string? alg, out string error)
    {
        if (alg is not null && !RsaAlgs.Contains(alg))
        {
            return Fail($"The 'alg' '{alg}' is not valid for an RSA signing key.", out error);
        }

        var n = Decode(jwk.String("n"));
        var e = Decode(jwk.String("e"));
        if (n is null || e is null || e.Length == 0)
        {
            return Fail("RSA keys in the 'jwks' must have valid base64url 'n' and 'e' members.", out error);
        }

        if (ModulusBits(n) < 2048)
        {
            return Fail(RsaTooShort, out error);
        }

        try
        {
            var key = new RsaSecurityKey(new RSAParameters { Modulus = TrimLeadingZeros(n), Exponent = TrimLeadingZeros(e) });
            error = "";
            return (new JsonObject { ["e"] = jwk.String("e"), ["n"] = jwk.String("n") }, key);
        }
        catch (CryptographicException)
        {
            return Fail("The RSA key in the 'jwks' is invalid.", out error);
        }
    }

    private static (JsonObject Material, SecurityKey Key)? ParseEc(JsonObject jwk, string? alg, out string error)
    {
        if (alg is not null && !EcAlgs.Contains(alg))
        {
            return Fail($"The 'alg' '{alg}' is not valid for an EC signing key.", out error);
        }

        var crv = jwk.String("crv");
        var x = Decode(jwk.String("x"));
        var y = Decode(jwk.String("y"));
        if (x is null || y is null)
        {
            return Fail("EC keys in the 'jwks' must have valid base64url 'x' and 'y' members.", out error);
        }

        // Okta accepts an EC key without crv (recorded: it comes back as "crv": null), so infer it from the coordinate size.
        var curveName = crv ?? x.Length switch { 32 => "P-256", 48 => "P-384", 66 => "P-521", _ => null };
        (ECCurve Curve, int Size)? curve = curveName switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => null,
        };
        if (curve is null)
        {
            return Fail("EC keys in the 'jwks' must use the curve P-256, P-384 or P-521.", out error);
        }

        if (x.Length != curve.Value.Size || y.Length != curve.Value.Size)
        {
            return Fail($"The 'x' and 'y' of the EC key in the 'jwks' must be {curve.Value.Size} bytes for {curveName}.", out error);
        }

        try
        {
            // The import refuses a point that is not on the curve.
            var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.Value.Curve, Q = new ECPoint { X = x, Y = y } });
            error = "";
            return (new JsonObject { ["crv"] = crv, ["x"] = jwk.String("x"), ["y"] = jwk.String("y") }, new ECDsaSecurityKey(ecdsa));
        }
        catch (CryptographicException)
        {
            return Fail("The EC key in the 'jwks' is not a valid point on its curve.", out error);
        }
    }

    /// <summary>Base64url with optional padding; null when absent or not decodable.</summary>
    internal static byte[]? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var trimmed = value.TrimEnd('=');
        if (trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        try
        {
            return Base64UrlEncoder.DecodeBytes(trimmed);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static int ModulusBits(byte[] n)
    {
        var trimmed = TrimLeadingZeros(n);
        return trimmed.Length == 0 ? 0 : ((trimmed.Length - 1) * 8) + (32 - int.LeadingZeroCount(trimmed[0]));
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static (JsonObject Material, SecurityKey Key)? Fail(string message, out string error)
    {
        error = message;
        return null;
    }
}
