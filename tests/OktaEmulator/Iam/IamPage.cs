using System.Globalization;
using System.Text.Json.Nodes;

namespace OktaEmulator.Iam;

/// <summary>
/// The iam lists page in the body, not in Link headers: {"roles"|"resource-sets": [...], "_links": {"next": {"href"}}}, with an
/// opaque `after` cursor (here the last item's sequence). Okta documents no page size for them; 100 is the emulator's choice.
/// </summary>
internal static class IamPage
{
    public const int Size = 100;

    public static JsonObject Build<T>(HttpRequest request, string orgUrl, string member, IEnumerable<T> ordered, Func<T, long> sequence,
        Func<T, JsonNode> json)
    {
        long.TryParse(request.Query["after"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var after);
        var rest = ordered.Where(i => sequence(i) > after).Take(Size + 1).ToList();
        var page = rest.Take(Size).ToList();
        var links = new JsonObject();
        if (rest.Count > Size)
        {
            links["next"] = new JsonObject
            {
                ["href"] = $"{orgUrl}{request.Path}?after={sequence(page[^1]).ToString(CultureInfo.InvariantCulture)}",
            };
        }

        return new JsonObject
        {
            [member] = new JsonArray(page.Select(i => (JsonNode?)json(i)).ToArray()),
            ["_links"] = links,
        };
    }
}
