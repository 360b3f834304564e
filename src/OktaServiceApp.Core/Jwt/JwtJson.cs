using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Jwt;

/// <summary>Small pieces every JWT this module signs needs: JSON written by Utf8JsonWriter (so values are always escaped
/// correctly) and fresh random jti values.</summary>
internal static class JwtJson
{
    private const int JtiBytes = 16;

    public static string Write(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>128 random bits, base64url: Okta remembers every jti it has seen, so a collision would fail a request.</summary>
    public static string NewJti()
    {
        var bytes = new byte[JtiBytes];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return Base64Url.Encode(bytes);
    }

    public static long ToUnixSeconds(DateTimeOffset? now) => (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
}
