using System.Text.Json;
using System.Text.Json.Nodes;

namespace OktaEmulator.Http;

internal static class JsonBody
{
    /// <summary>The request body as a JSON object, or null when it is empty, malformed or not an object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static JsonObject? Object(this JsonObject obj, string name) => obj[name] as JsonObject;

    /// <summary>A string array, or null when absent; a non-array or a non-string item makes it invalid (returned as null in <paramref name="valid"/>).</summary>
    public static List<string>? StringList(this JsonObject obj, string name, out bool valid)
    {
        valid = true;
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            valid = false;
            return null;
        }

        var list = new List<string>();
        foreach (var item in array)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var s))
            {
                list.Add(s);
            }
            else
            {
                valid = false;
                return null;
            }
        }

        return list;
    }

    public static JsonArray ToJsonArray(this IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
}
