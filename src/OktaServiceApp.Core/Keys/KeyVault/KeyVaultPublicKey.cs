using System.Text.Json;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>The public key in a KeyBundle (GET {kid}): its versioned kid and its JWK members, checked as for any key.</summary>
internal sealed class KeyVaultPublicKey
{
    private KeyVaultPublicKey(KeyVaultKeyId kid, PublicJwk jwk, EcCurve? curve, int rsaModulusLength)
    {
        Kid = kid;
        Jwk = jwk;
        Curve = curve;
        RsaModulusLength = rsaModulusLength;
    }

    public KeyVaultKeyId Kid { get; }
    public PublicJwk Jwk { get; }
    public EcCurve? Curve { get; }
    /// <summary>Bytes in the RSA modulus: the length of every RS* signature. 0 for EC.</summary>
    public int RsaModulusLength { get; }

    public static KeyVaultPublicKey Parse(string body, KeyVaultKeyId requested)
    {
        JsonElement key;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("key", out var found) ||
                found.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(requested, "it has no key");
            }

            key = found.Clone();
        }
        catch (JsonException)
        {
            throw Malformed(requested, "it is not JSON");
        }

        var kidText = Text(key, "kid") ?? throw Malformed(requested, "the key has no kid");
        KeyVaultKeyId kid;
        try
        {
            kid = KeyVaultKeyId.Parse(kidText);
        }
        catch (KeyException)
        {
            throw Malformed(requested, "its kid is not a key id");
        }

        // Signatures go to the kid the vault answered: it must be the key asked for, on the same vault, never another host.
        if (!kid.SameVault(requested) || kid.Version is null || (requested.Version is not null && kid.Version != requested.Version))
        {
            throw Malformed(requested, "its kid names another key");
        }

        if (key.TryGetProperty("key_ops", out var ops) && ops.ValueKind == JsonValueKind.Array &&
            !ops.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && o.GetString() == "sign"))
        {
            throw new KeyException(KeyProblem.KeyVaultKeyUnusable,
                $"The Key Vault key {kid} does not permit 'sign' (its key_ops). Create a key version whose operations include sign.");
        }

        var kty = Text(key, "kty");
        try
        {
            switch (kty)
            {
                case "RSA" or "RSA-HSM":
                    var n = Base64Url.Decode(Text(key, "n") ?? throw Malformed(requested, "the RSA key has no n"));
                    var e = Base64Url.Decode(Text(key, "e") ?? throw Malformed(requested, "the RSA key has no e"));
                    var shape = RsaShape.Normalize(n, e) ?? throw Malformed(requested, "its RSA numbers are not a key");
                    if (RsaShape.ModulusBits(shape.Modulus!) < 2048)
                    {
                        throw new KeyException(KeyProblem.KeySizeTooSmall,
                            $"The Key Vault key {kid} is an RSA key of fewer than 2048 bits; Okta needs at least 2048.");
                    }

                    return new KeyVaultPublicKey(kid,
                        new PublicJwk { Kty = "RSA", N = Base64Url.Encode(shape.Modulus!), E = Base64Url.Encode(shape.Exponent!) },
                        null, shape.Modulus!.Length);
                case "EC" or "EC-HSM":
                    var crv = Text(key, "crv");
                    var curve = EcCurve.FromJwkName(crv) ?? throw new KeyException(KeyProblem.UnsupportedCurve,
                        $"The Key Vault key {kid} is on the curve '{crv}'; Okta takes P-256, P-384 or P-521.");
                    var x = BigEndian.PadTo(Base64Url.Decode(Text(key, "x") ?? throw Malformed(requested, "the EC key has no x")), curve.CoordinateSize);
                    var y = BigEndian.PadTo(Base64Url.Decode(Text(key, "y") ?? throw Malformed(requested, "the EC key has no y")), curve.CoordinateSize);
                    if (x is null || y is null)
                    {
                        throw Malformed(requested, "its EC coordinates do not fit the curve");
                    }

                    return new KeyVaultPublicKey(kid,
                        new PublicJwk { Kty = "EC", Crv = curve.JwkName, X = Base64Url.Encode(x), Y = Base64Url.Encode(y) }, curve, 0);
                default:
                    throw new KeyException(KeyProblem.UnsupportedKeyType,
                        $"The Key Vault key {kid} is of type '{kty}'; only RSA and EC keys sign JWTs.");
            }
        }
        catch (FormatException)
        {
            throw Malformed(requested, "a key member is not base64url");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static KeyException Malformed(KeyVaultKeyId requested, string why) =>
        new(KeyProblem.KeyVaultUnavailable, $"Key Vault answered something that is not the key {requested}: {why}.");
}
