using System.Globalization;

namespace OktaEmulator.Http;

/// <summary>
/// Okta's cursor paging: `limit` + opaque `after`, with one `Link` header per relation (self, next), never comma-joined.
/// The cursor here is the last item's creation sequence, so deleting items between pages does not break a walk.
/// </summary>
internal sealed class Paging
{
    private readonly HttpRequest _request;
    private readonly string _orgUrl;
    private readonly string[] _keptParameters;

    private Paging(HttpRequest request, string orgUrl, int limit, long after, string[] keptParameters)
    {
        _request = request;
        _orgUrl = orgUrl;
        Limit = limit;
        After = after;
        _keptParameters = keptParameters;
    }

    public int Limit { get; }
    public long After { get; }

    /// <summary>Reads limit/after; a limit outside 1..max is clamped, an unreadable cursor restarts from the beginning.</summary>
    public static Paging From(HttpRequest request, string orgUrl, int defaultLimit, int maxLimit, params string[] keptParameters)
    {
        var limit = defaultLimit;
        if (int.TryParse(request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked))
        {
            limit = Math.Clamp(asked, 1, maxLimit);
        }

        long.TryParse(request.Query["after"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var after);
        return new Paging(request, orgUrl, limit, after, keptParameters);
    }

    /// <summary>Takes one page of <paramref name="ordered"/> (ascending by sequence) and adds the Link headers.</summary>
    public List<T> Apply<T>(IEnumerable<T> ordered, Func<T, long> sequence, ApiResponse response)
    {
        var rest = ordered.Where(i => sequence(i) > After).Take(Limit + 1).ToList();
        var hasNext = rest.Count > Limit;
        var page = rest.Take(Limit).ToList();

        response.WithHeader("Link", $"<{Url(After > 0 ? After : null)}>; rel=\"self\"");
        if (hasNext)
        {
            response.WithHeader("Link", $"<{Url(sequence(page[^1]))}>; rel=\"next\"");
        }

        return page;
    }

    private string Url(long? after)
    {
        var parts = new List<string> { "limit=" + Limit.ToString(CultureInfo.InvariantCulture) };
        if (after is { } a)
        {
            parts.Add("after=" + a.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var name in _keptParameters)
        {
            var value = _request.Query[name].ToString();
            if (value.Length > 0)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return _orgUrl + _request.Path + "?" + string.Join("&", parts);
    }
}
