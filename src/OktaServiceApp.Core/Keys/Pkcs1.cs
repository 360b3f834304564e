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
        WriteUnsigned(writer, key.Modulus!);
        WriteUnsigned(writer, key.Exponent!);
        WriteUnsigned(writer, key.D!);
        WriteUnsigned(writer, key.P!);
        WriteUnsigned(writer, key.Q!);
        WriteUnsigned(writer, key.DP!);
        WriteUnsigned(writer, key.DQ!);
        WriteUnsigned(writer, key.InverseQ!);
        writer.PopSequence();
    }

    // RSAParameters keeps d and the CRT values at fixed length, but DER integers must be minimal.
    private static void WriteUnsigned(AsnWriter writer, byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        writer.WriteIntegerUnsigned(value.AsSpan(start));
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
