using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OktaEmulator.Keys;

/// <summary>
/// The header and payload of a compact JWS as plain JSON, so every claim check reads the raw wire values
/// (a numeric iat, an aud array, a jwk object) rather than a library's interpretation of them.
/// </summary>
internal sealed class CompactJwt
{
    private CompactJwt(string raw, JsonObject header, JsonObject payload)
    {
        Raw = raw;
        Header = header;
        Payload = payload;
    }

    public string Raw { get; }
    public JsonObject Header { get; }
    public JsonObject Payload { get; }

    public string? Alg => Header["alg"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    public string? Kid => Header["kid"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    public string? Typ => Header["typ"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static CompactJwt? TryParse(string? compact)
    {
        if (string.IsNullOrWhiteSpace(compact))
        {
            return null;
        }

        var parts = compact.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            return null;
        }

        var header = ParseObject(parts[0]);
        var payload = ParseObject(parts[1]);
        return header is null || payload is null ? null : new CompactJwt(compact, header, payload);
    }

    public string? StringClaim(string name) =>
        Payload[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A NumericDate claim (seconds since epoch); fractional seconds are accepted and truncated.</summary>
    public long? TimeClaim(string name)
    {
        if (Payload[name] is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        return v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (long)d : null;
    }

    private static JsonObject? ParseObject(string segment)
    {
        var bytes = JwkParser.Decode(segment);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(bytes)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
