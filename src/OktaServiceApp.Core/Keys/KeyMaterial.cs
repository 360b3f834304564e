using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// Key parameters on their way from a file format to a live RSA/ECDsa object, or back. Exactly one of
/// <see cref="Rsa"/> and <see cref="Ec"/> is set. <see cref="Clear"/> wipes the private arrays once they are consumed.
/// </summary>
internal sealed class KeyMaterial
{
    private KeyMaterial(RSAParameters? rsa, ECParameters? ec, EcCurve? curve, string? algorithm, string? keyId)
    {
        Rsa = rsa;
        Ec = ec;
        Curve = curve;
        Algorithm = algorithm;
        KeyId = keyId;
    }

    public RSAParameters? Rsa { get; }
    public ECParameters? Ec { get; }
    public EcCurve? Curve { get; }

    /// <summary>The JWK's own "alg" and "kid" when the material came from a JWK.</summary>
    public string? Algorithm { get; }
    public string? KeyId { get; }

    public bool HasPrivateKey => Rsa is { } r ? r.D is not null : Ec!.Value.D is not null;

    public static KeyMaterial ForRsa(RSAParameters parameters, string? algorithm = null, string? keyId = null) =>
        new(parameters, null, null, algorithm, keyId);

    public static KeyMaterial ForEc(ECParameters parameters, EcCurve curve, string? algorithm = null, string? keyId = null) =>
        new(null, parameters, curve, algorithm, keyId);

    public void Clear()
    {
        if (Rsa is { } r)
        {
            Wipe(r.D);
            Wipe(r.P);
            Wipe(r.Q);
            Wipe(r.DP);
            Wipe(r.DQ);
            Wipe(r.InverseQ);
        }

        if (Ec is { } e)
        {
            Wipe(e.D);
        }
    }

    public static void Wipe(byte[]? data)
    {
        if (data is not null)
        {
            Array.Clear(data, 0, data.Length);
        }
    }
}

/// <summary>
/// Shapes big-endian RSA integers the way every RSA implementation's ImportParameters expects them: modulus and
/// exponent without leading zeros, d as long as the modulus, the CRT values half as long. .NET Framework's CSP rejects
/// anything else, and DER or JWK producers differ in whether they keep a leading zero.
/// </summary>
internal static class RsaShape
{
    /// <summary>Returns null when a value cannot fit its slot, which means the numbers are not an RSA key.</summary>
    public static RSAParameters? Normalize(byte[] modulus, byte[] exponent, byte[]? d = null, byte[]? p = null,
        byte[]? q = null, byte[]? dp = null, byte[]? dq = null, byte[]? qi = null)
    {
        var n = StripLeadingZeros(modulus);
        var e = StripLeadingZeros(exponent);
        if (n.Length == 0 || e.Length == 0)
        {
            return null;
        }

        var result = new RSAParameters { Modulus = n, Exponent = e };
        if (d is null)
        {
            return result;
        }

        var half = (n.Length + 1) / 2;
        result.D = PadTo(d, n.Length);
        result.P = PadTo(p!, half);
        result.Q = PadTo(q!, half);
        result.DP = PadTo(dp!, half);
        result.DQ = PadTo(dq!, half);
        result.InverseQ = PadTo(qi!, half);
        if (result.D is null || result.P is null || result.Q is null || result.DP is null || result.DQ is null ||
            result.InverseQ is null)
        {
            return null;
        }

        return result;
    }

    public static int ModulusBits(byte[] modulus)
    {
        var bits = modulus.Length * 8;
        var first = modulus.Length == 0 ? 0 : modulus[0];
        for (var mask = 0x80; mask > 0 && (first & mask) == 0; mask >>= 1)
        {
            bits--;
        }

        return bits;
    }

    public static byte[] StripLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }

        if (start == 0)
        {
            return value;
        }

        var result = new byte[value.Length - start];
        Buffer.BlockCopy(value, start, result, 0, result.Length);
        return result;
    }

    /// <summary>Left-pads with zeros (or drops leading zeros) to exactly <paramref name="length"/> bytes; null when the
    /// value is too big.</summary>
    public static byte[]? PadTo(byte[] value, int length)
    {
        var stripped = StripLeadingZeros(value);
        if (stripped.Length > length)
        {
            return null;
        }

        if (stripped.Length == length)
        {
            return stripped == value ? (byte[])value.Clone() : stripped;
        }

        var result = new byte[length];
        Buffer.BlockCopy(stripped, 0, result, length - stripped.Length, stripped.Length);
        if (!ReferenceEquals(stripped, value))
        {
            KeyMaterial.Wipe(stripped);
        }

        return result;
    }
}
