using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

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
        var n = BigEndian.StripLeadingZeros(modulus);
        var e = BigEndian.StripLeadingZeros(exponent);
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
        result.D = BigEndian.PadTo(d, n.Length);
        result.P = BigEndian.PadTo(p!, half);
        result.Q = BigEndian.PadTo(q!, half);
        result.DP = BigEndian.PadTo(dp!, half);
        result.DQ = BigEndian.PadTo(dq!, half);
        result.InverseQ = BigEndian.PadTo(qi!, half);
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
}
