using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace OktaEmulator.Tests.Support;

/// <summary>
/// Signing keys for assertions and proofs. RSA generation costs up to a second on this machine, so a few keys
/// are made once and shared by every test; each test still uses fresh clients and jtis.
/// </summary>
public static class TestKeys
{
    private static readonly Lazy<RSA>[] RsaPool = Enumerable.Range(0, 4).Select(_ => new Lazy<RSA>(() => RSA.Create(2048))).ToArray();
    private static readonly Lazy<RSA> Short = new(() => RSA.Create(1024));

    public static RSA Rsa(int index) => RsaPool[index].Value;
    public static RSA Rsa1024 => Short.Value;

    public static ECDsa NewEc(ECCurve curve) => ECDsa.Create(curve);

    public static RsaSecurityKey SigningKey(RSA rsa, string? kid = null) => new(rsa) { KeyId = kid };

    public static ECDsaSecurityKey SigningKey(ECDsa ec, string? kid = null) => new(ec) { KeyId = kid };

    /// <summary>The public JWK the way a careful client registers it: kty, kid (when given), e, n. Never the private parts.</summary>
    public static JsonObject PublicJwk(RSA rsa, string? kid = null)
    {
        var p = rsa.ExportParameters(false);
        var jwk = new JsonObject { ["kty"] = "RSA" };
        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        jwk["e"] = Base64UrlEncoder.Encode(p.Exponent);
        jwk["n"] = Base64UrlEncoder.Encode(p.Modulus);
        return jwk;
    }

    public static JsonObject PublicJwk(ECDsa ec, string? kid = null, bool includeCrv = true)
    {
        var p = ec.ExportParameters(false);
        var jwk = new JsonObject { ["kty"] = "EC" };
        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        if (includeCrv)
        {
            jwk["crv"] = p.Curve.Oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" => "P-256",
                "nistP384" or "ECDSA_P384" => "P-384",
                _ => "P-521",
            };
        }

        jwk["x"] = Base64UrlEncoder.Encode(p.Q.X);
        jwk["y"] = Base64UrlEncoder.Encode(p.Q.Y);
        return jwk;
    }

    /// <summary>The private JWK (with d, p, q…) a careless client might upload by mistake.</summary>
    public static JsonObject PrivateJwk(RSA rsa, string kid)
    {
        var p = rsa.ExportParameters(true);
        var jwk = PublicJwk(rsa, kid);
        jwk["d"] = Base64UrlEncoder.Encode(p.D);
        jwk["p"] = Base64UrlEncoder.Encode(p.P);
        jwk["q"] = Base64UrlEncoder.Encode(p.Q);
        return jwk;
    }

    public static JsonObject Jwks(params JsonObject[] keys) => new() { ["keys"] = new JsonArray(keys) };
}
