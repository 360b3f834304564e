using System.Formats.Asn1;
using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

/// <summary>SEC1 ECPrivateKey (RFC 5915), the body of "EC PRIVATE KEY" PEM and of a PKCS#8 EC key.</summary>
internal static class Sec1
{
    private static readonly Asn1Tag s_parametersTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag s_publicKeyTag = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary><paramref name="outerCurve"/> is the curve named by a PKCS#8 wrapper; a bare SEC1 key names its own.</summary>
    public static KeyMaterial ReadPrivateKey(ReadOnlyMemory<byte> der, EcCurve? outerCurve)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.BER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            if (!sequence.TryReadInt32(out var version) || version != 1)
            {
                throw Malformed();
            }

            var d = sequence.ReadOctetString();
            var curve = outerCurve;
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(s_parametersTag))
            {
                var parameters = sequence.ReadSequence(s_parametersTag);
                var inner = ReadCurve(parameters);
                if (curve is not null && curve != inner)
                {
                    throw new KeyException(KeyProblem.MalformedPem, "The EC key names two different curves.");
                }

                curve = inner;
            }

            if (curve is null)
            {
                throw new KeyException(KeyProblem.MalformedPem, "The EC private key does not say which curve it is on.");
            }

            ECPoint q = default;
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(s_publicKeyTag))
            {
                var publicKey = sequence.ReadSequence(s_publicKeyTag);
                var point = publicKey.ReadBitString(out var unusedBits);
                publicKey.ThrowIfNotEmpty();
                // Only the uncompressed form (0x04 || X || Y) carries Y; for anything else the public point is derived from d.
                if (unusedBits == 0 && point.Length == 1 + (2 * curve.CoordinateSize) && point[0] == 0x04)
                {
                    q.X = point.AsSpan(1, curve.CoordinateSize).ToArray();
                    q.Y = point.AsSpan(1 + curve.CoordinateSize, curve.CoordinateSize).ToArray();
                }
            }

            var paddedD = BigEndian.PadTo(d, curve.CoordinateSize);
            KeyMaterial.Wipe(d);
            if (paddedD is null)
            {
                throw Malformed();
            }

            return KeyMaterial.ForEc(new ECParameters { Curve = curve.ToECCurve(), D = paddedD, Q = q }, curve);
        }
        catch (AsnContentException e)
        {
            throw Malformed(e);
        }
    }

    /// <summary>Leaves the curve out when a PKCS#8 wrapper already names it, as openssl does.</summary>
    public static void WritePrivateKey(AsnWriter writer, ECParameters key, EcCurve curve, bool includeCurve)
    {
        writer.PushSequence();
        writer.WriteInteger(1);
        writer.WriteOctetString(key.D);
        if (includeCurve)
        {
            writer.PushSequence(s_parametersTag);
            writer.WriteObjectIdentifier(curve.Oid);
            writer.PopSequence(s_parametersTag);
        }

        var point = new byte[1 + (2 * curve.CoordinateSize)];
        point[0] = 0x04;
        Buffer.BlockCopy(key.Q.X!, 0, point, 1, curve.CoordinateSize);
        Buffer.BlockCopy(key.Q.Y!, 0, point, 1 + curve.CoordinateSize, curve.CoordinateSize);
        writer.PushSequence(s_publicKeyTag);
        writer.WriteBitString(point);
        writer.PopSequence(s_publicKeyTag);
        writer.PopSequence();
    }

    /// <summary>Reads ECParameters (RFC 5480): only a named curve among P-256/384/521 is accepted.</summary>
    public static EcCurve ReadCurve(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (!tag.HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            throw new KeyException(KeyProblem.UnsupportedCurve,
                "The EC key uses explicit or implicit curve parameters; only the named curves P-256, P-384 and P-521 are supported.");
        }

        var oid = reader.ReadObjectIdentifier();
        return EcCurve.FromOid(oid) ?? throw new KeyException(KeyProblem.UnsupportedCurve,
            $"The EC key uses the curve {DescribeCurve(oid)}; only P-256, P-384 and P-521 are supported.");
    }

    private static string DescribeCurve(string oid) => oid switch
    {
        "1.3.132.0.10" => "secp256k1",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
        "1.2.840.10045.3.1.1" => "P-192",
        "1.3.132.0.33" => "P-224",
        _ => "with OID " + oid,
    };

    private static KeyException Malformed(Exception? inner = null) =>
        new(KeyProblem.MalformedPem, "The key is not a valid SEC1 EC private key.", inner);
}
