using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

/// <summary>The three NIST curves JOSE pairs with ES256/384/512: one row per curve, so names, OIDs, sizes and hashes
/// cannot drift apart.</summary>
internal sealed class EcCurve
{
    public static readonly EcCurve P256 = new("P-256", Oids.P256, "ES256", 256, 32, HashAlgorithmName.SHA256);
    public static readonly EcCurve P384 = new("P-384", Oids.P384, "ES384", 384, 48, HashAlgorithmName.SHA384);
    public static readonly EcCurve P521 = new("P-521", Oids.P521, "ES512", 521, 66, HashAlgorithmName.SHA512);

    private static readonly EcCurve[] s_all = { P256, P384, P521 };

    private EcCurve(string jwkName, string oid, string algorithm, int keySize, int coordinateSize, HashAlgorithmName hash)
    {
        JwkName = jwkName;
        Oid = oid;
        Algorithm = algorithm;
        KeySize = keySize;
        CoordinateSize = coordinateSize;
        Hash = hash;
    }

    public string JwkName { get; }
    public string Oid { get; }
    public string Algorithm { get; }
    public int KeySize { get; }
    /// <summary>Bytes in x, y and d; also half the length of a P1363 signature.</summary>
    public int CoordinateSize { get; }
    public HashAlgorithmName Hash { get; }

    // NamedCurves carries both the OID and the friendly name: .NET Framework's CNG looks curves up by name, OpenSSL by OID.
    public ECCurve ToECCurve() => KeySize switch
    {
        256 => ECCurve.NamedCurves.nistP256,
        384 => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };

    /// <summary>The public JWK of a point on this curve: x and y padded to the curve's coordinate size, as JWA requires.</summary>
    public PublicJwk ToPublicJwk(ECPoint q) => new()
    {
        Kty = "EC",
        Crv = JwkName,
        X = Base64Url.Encode(BigEndian.PadTo(q.X!, CoordinateSize)!),
        Y = Base64Url.Encode(BigEndian.PadTo(q.Y!, CoordinateSize)!),
    };

    public static EcCurve? FromJwkName(string? name) => s_all.FirstOrDefault(c => c.JwkName == name);

    public static EcCurve? FromOid(string? oid) => s_all.FirstOrDefault(c => c.Oid == oid);

    public static EcCurve? FromAlgorithm(string algorithm) => s_all.FirstOrDefault(c => c.Algorithm == algorithm);

    /// <summary>
    /// The curve of a key .NET already holds (a certificate's): by OID where the platform gives one, else by the names CNG
    /// and OpenSSL use ("nistP256", "ECDSA_P256", "secp256r1"). Size alone is not enough: brainpoolP256r1 is 256 bits too.
    /// </summary>
    public static EcCurve? FromNamedCurve(ECCurve curve)
    {
        if (!curve.IsNamed || curve.Oid is null)
        {
            return null;
        }

        if (FromOid(curve.Oid.Value) is { } byOid)
        {
            return byOid;
        }

        var name = curve.Oid.FriendlyName;
        return s_all.FirstOrDefault(c => c.Names.Contains(name, StringComparer.OrdinalIgnoreCase));
    }

    private string[] Names => KeySize switch
    {
        256 => new[] { "nistP256", "ECDSA_P256", "secp256r1", "prime256v1" },
        384 => new[] { "nistP384", "ECDSA_P384", "secp384r1" },
        _ => new[] { "nistP521", "ECDSA_P521", "secp521r1" },
    };
}
