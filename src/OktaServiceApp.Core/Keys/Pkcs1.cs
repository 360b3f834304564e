using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

/// <summary>PKCS#1 RSAPrivateKey (RFC 8017 A.1.2), the body of "RSA PRIVATE KEY" PEM and of a PKCS#8 RSA key.</summary>
internal static class Pkcs1
{
    /// <summary>Throws KeyException MalformedPem when the DER is not an RSAPrivateKey, UnsupportedKeyType for a
    /// multi-prime key.</summary>
    public static RSAParameters ReadPrivateKey(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.BER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            var version = sequence.ReadInteger();
            if (version == BigInteger.One)
            {
                throw new KeyException(KeyProblem.UnsupportedKeyType, "Multi-prime RSA keys are not supported.");
            }

            if (!version.IsZero)
            {
                throw Malformed();
            }

            var n = ReadUnsigned(sequence);
            var e = ReadUnsigned(sequence);
            var d = ReadUnsigned(sequence);
            var p = ReadUnsigned(sequence);
            var q = ReadUnsigned(sequence);
            var dp = ReadUnsigned(sequence);
            var dq = ReadUnsigned(sequence);
            var qi = ReadUnsigned(sequence);
            sequence.ThrowIfNotEmpty();

            var shaped = RsaShape.Normalize(n, e, d, p, q, dp, dq, qi);
            foreach (var value in new[] { d, p, q, dp, dq, qi })
            {
                KeyMaterial.Wipe(value);
            }

            return shaped ?? throw Malformed();
        }
        catch (AsnContentException e)
        {
            throw Malformed(e);
        }
    }

    public static void WritePrivateKey(AsnWriter writer, RSAParameters key)
    {
        writer.PushSequence();
        writer.WriteInteger(0);
        writer.WriteIntegerUnsigned(key.Modulus);
        writer.WriteIntegerUnsigned(key.Exponent);
        writer.WriteIntegerUnsigned(key.D);
        writer.WriteIntegerUnsigned(key.P);
        writer.WriteIntegerUnsigned(key.Q);
        writer.WriteIntegerUnsigned(key.DP);
        writer.WriteIntegerUnsigned(key.DQ);
        writer.WriteIntegerUnsigned(key.InverseQ);
        writer.PopSequence();
    }

    private static byte[] ReadUnsigned(AsnReader reader)
    {
        var bytes = reader.ReadIntegerBytes().Span;
        if (bytes.Length > 0 && (bytes[0] & 0x80) != 0)
        {
            throw Malformed();
        }

        return bytes.ToArray();
    }

    private static KeyException Malformed(Exception? inner = null) =>
        new(KeyProblem.MalformedPem, "The key is not a valid PKCS#1 RSA private key.", inner);
}
