using System.Formats.Asn1;
using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

/// <summary>PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958), the body of "PRIVATE KEY" PEM.</summary>
internal static class Pkcs8
{
    public static KeyMaterial ReadPrivateKey(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.BER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            // Version 1 (RFC 5958) only adds an optional public key after the private one.
            if (!sequence.TryReadInt32(out var version) || (version != 0 && version != 1))
            {
                throw Malformed();
            }

            var algorithm = sequence.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            switch (oid)
            {
                case Oids.Rsa:
                {
                    var privateKey = sequence.ReadOctetString();
                    try
                    {
                        return KeyMaterial.ForRsa(Pkcs1.ReadPrivateKey(privateKey));
                    }
                    finally
                    {
                        KeyMaterial.Wipe(privateKey);
                    }
                }

                case Oids.EcPublicKey:
                {
                    if (!algorithm.HasData)
                    {
                        throw Malformed();
                    }

                    var curve = Sec1.ReadCurve(algorithm);
                    var privateKey = sequence.ReadOctetString();
                    try
                    {
                        return Sec1.ReadPrivateKey(privateKey, curve);
                    }
                    finally
                    {
                        KeyMaterial.Wipe(privateKey);
                    }
                }

                default:
                    throw new KeyException(KeyProblem.UnsupportedKeyType,
                        $"The key type {DescribeKeyType(oid)} is not supported; use an RSA or EC (P-256, P-384, P-521) key.");
            }
        }
        catch (AsnContentException e)
        {
            throw Malformed(e);
        }
    }

    public static byte[] WritePrivateKey(KeyMaterial key)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.PushSequence();
        writer.WriteInteger(0);
        writer.PushSequence();
        if (key.Rsa is { } rsa)
        {
            writer.WriteObjectIdentifier(Oids.Rsa);
            writer.WriteNull();
            writer.PopSequence();
            WriteInner(writer, inner => Pkcs1.WritePrivateKey(inner, rsa));
        }
        else
        {
            var curve = key.Curve!;
            writer.WriteObjectIdentifier(Oids.EcPublicKey);
            writer.WriteObjectIdentifier(curve.Oid);
            writer.PopSequence();
            var ec = key.Ec!.Value;
            WriteInner(writer, inner => Sec1.WritePrivateKey(inner, ec, curve, includeCurve: false));
        }

        writer.PopSequence();
        var der = writer.Encode();
        writer.Reset();
        return der;
    }

    private static void WriteInner(AsnWriter writer, Action<AsnWriter> write)
    {
        var inner = new AsnWriter(AsnEncodingRules.DER);
        write(inner);
        var bytes = inner.Encode();
        inner.Reset();
        writer.WriteOctetString(bytes);
        KeyMaterial.Wipe(bytes);
    }

    private static string DescribeKeyType(string oid) => oid switch
    {
        Oids.RsaPss => "RSA-PSS",
        Oids.Dsa => "DSA",
        Oids.Ed25519 => "Ed25519",
        Oids.Ed448 => "Ed448",
        Oids.X25519 => "X25519",
        Oids.X448 => "X448",
        _ => "with OID " + oid,
    };

    private static KeyException Malformed(Exception? inner = null) =>
        new(KeyProblem.MalformedPem, "The key is not a valid PKCS#8 private key.", inner);
}
