namespace OktaServiceApp.Core.Keys;

/// <summary>Unsigned big-endian integers as key formats store them: JWK and SEC1 want fixed lengths, DER wants none of
/// the leading zeros, and producers disagree.</summary>
internal static class BigEndian
{
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
