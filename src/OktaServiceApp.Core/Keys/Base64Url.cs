namespace OktaServiceApp.Core.Keys;

/// <summary>RFC 4648 §5 base64url without padding, as JOSE requires.</summary>
internal static class Base64Url
{
    public static string Encode(byte[] data) => Encode(data, 0, data.Length);

    public static string Encode(byte[] data, int offset, int count) =>
        Convert.ToBase64String(data, offset, count).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Throws FormatException for anything that is not strict base64url (padding is tolerated because some
    /// JWK producers add it).</summary>
    public static byte[] Decode(string text)
    {
        var trimmed = text.TrimEnd('=');
        foreach (var c in trimmed)
        {
            var ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok)
            {
                throw new FormatException("The value is not base64url.");
            }
        }

        if (trimmed.Length % 4 == 1)
        {
            throw new FormatException("The value has an impossible base64url length.");
        }

        var standard = trimmed.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
    }
}
