using System.Globalization;
using System.Net.Http.Headers;

namespace OktaServiceApp.Core.Http;

/// <summary>Parsers for the response headers Okta uses: Link, WWW-Authenticate and X-Rate-Limit-*.</summary>
internal static class HeaderParsing
{
    /// <summary>All values of a header, whether sent as several headers or one comma-joined header.</summary>
    public static IEnumerable<string> Values(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values))
        {
            return values;
        }

        if (response.Content is not null && response.Content.Headers.TryGetValues(name, out var contentValues))
        {
            return contentValues;
        }

        return Array.Empty<string>();
    }

    public static string? First(HttpResponseMessage response, string name)
    {
        foreach (var value in Values(response, name))
        {
            var trimmed = value.Trim();
            if (trimmed.Length > 0)
            {
                return trimmed;
            }
        }

        return null;
    }

    /// <summary>Integer values of a header that may be duplicated or comma-joined ("1757607758, 1757607760").</summary>
    public static List<long> Longs(HttpResponseMessage response, string name)
    {
        var list = new List<long>();
        foreach (var value in Values(response, name))
        {
            foreach (var part in value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (long.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    list.Add(number);
                }
            }
        }

        return list;
    }

    public static long? MinLong(HttpResponseMessage response, string name)
    {
        var values = Longs(response, name);
        return values.Count == 0 ? null : values.Min();
    }

    // ---- Link (RFC 8288) ------------------------------------------------------------------------------------------

    /// <summary>The rel="next" target of the Link headers, verbatim (relative targets are resolved against
    /// <paramref name="requestUri"/>), or null.</summary>
    public static Uri? NextLink(IEnumerable<string> linkHeaderValues, Uri? requestUri)
    {
        foreach (var value in linkHeaderValues)
        {
            foreach (var (target, rels) in ParseLinks(value))
            {
                if (!rels.Contains("next"))
                {
                    continue;
                }

                if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) &&
                    (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
                {
                    return absolute;
                }

                if (requestUri is not null && Uri.TryCreate(requestUri, target, out var resolved))
                {
                    return resolved;
                }
            }
        }

        return null;
    }

    /// <summary>Splits one Link header value into (target, rel values); tolerates several links joined by commas.</summary>
    public static IEnumerable<(string Target, HashSet<string> Rels)> ParseLinks(string value)
    {
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('<', i);
            if (open < 0)
            {
                yield break;
            }

            var close = value.IndexOf('>', open + 1);
            if (close < 0)
            {
                yield break;
            }

            var target = value.Substring(open + 1, close - open - 1).Trim();
            var rels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            i = close + 1;

            // Parameters up to the next top-level comma (commas inside quotes belong to the parameter).
            while (i < value.Length)
            {
                SkipWhitespace(value, ref i);
                if (i >= value.Length)
                {
                    break;
                }

                if (value[i] == ',')
                {
                    i++;
                    break;
                }

                if (value[i] != ';')
                {
                    // Not a parameter: skip to the next link.
                    var next = value.IndexOf(',', i);
                    i = next < 0 ? value.Length : next + 1;
                    break;
                }

                i++;
                SkipWhitespace(value, ref i);
                var name = ReadToken(value, ref i);
                SkipWhitespace(value, ref i);
                string? paramValue = null;
                if (i < value.Length && value[i] == '=')
                {
                    i++;
                    SkipWhitespace(value, ref i);
                    paramValue = i < value.Length && value[i] == '"' ? ReadQuoted(value, ref i) : ReadToken(value, ref i);
                }

                if (string.Equals(name, "rel", StringComparison.OrdinalIgnoreCase) && paramValue is not null)
                {
                    foreach (var rel in paramValue.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        rels.Add(rel);
                    }
                }
            }

            yield return (target, rels);
        }
    }

    // ---- WWW-Authenticate (RFC 7235) -----------------------------------------------------------------------------

    /// <summary>A parsed challenge: the scheme (Bearer, DPoP, SSWS ...) and its auth-params (lower-case names).</summary>
    public sealed class Challenge
    {
        public Challenge(string scheme)
        {
            Scheme = scheme;
        }

        public string Scheme { get; }
        public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;
    }

    public static List<Challenge> ParseChallenges(IEnumerable<string> headerValues)
    {
        var challenges = new List<Challenge>();
        foreach (var value in headerValues)
        {
            ParseChallenges(value, challenges);
        }

        return challenges;
    }

    private static void ParseChallenges(string value, List<Challenge> into)
    {
        var i = 0;
        Challenge? current = null;
        while (i < value.Length)
        {
            SkipWhitespace(value, ref i);
            if (i >= value.Length)
            {
                break;
            }

            if (value[i] == ',')
            {
                i++;
                continue;
            }

            var start = i;
            var token = ReadToken(value, ref i);
            if (token.Length == 0)
            {
                // Unexpected character: skip it.
                i = start + 1;
                continue;
            }

            SkipWhitespace(value, ref i);
            if (i < value.Length && value[i] == '=' && current is not null)
            {
                // An auth-param of the current challenge (Okta does not use token68 values).
                i++;
                SkipWhitespace(value, ref i);
                var paramValue = i < value.Length && value[i] == '"' ? ReadQuoted(value, ref i) : ReadToken(value, ref i);
                current.Parameters[token] = paramValue;
                continue;
            }

            // A new challenge scheme.
            current = new Challenge(token);
            into.Add(current);
        }
    }

    private static void SkipWhitespace(string value, ref int i)
    {
        while (i < value.Length && (value[i] == ' ' || value[i] == '\t'))
        {
            i++;
        }
    }

    private static string ReadToken(string value, ref int i)
    {
        var start = i;
        while (i < value.Length && value[i] != '=' && value[i] != ',' && value[i] != ';' && value[i] != ' ' &&
               value[i] != '\t' && value[i] != '"')
        {
            i++;
        }

        return value.Substring(start, i - start);
    }

    private static string ReadQuoted(string value, ref int i)
    {
        // value[i] == '"'
        i++;
        var builder = new System.Text.StringBuilder();
        while (i < value.Length && value[i] != '"')
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            builder.Append(value[i]);
            i++;
        }

        if (i < value.Length)
        {
            i++; // closing quote
        }

        return builder.ToString();
    }

    // ---- misc ----------------------------------------------------------------------------------------------------

    public static string? ContentType(HttpResponseMessage response) =>
        response.Content?.Headers.ContentType?.MediaType;

    public static bool IsJsonMediaType(string? mediaType) =>
        mediaType is not null &&
        (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var serverNow = response.Headers.Date ?? now;
            return date - serverNow;
        }

        return null;
    }
}
