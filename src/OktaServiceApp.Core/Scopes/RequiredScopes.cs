using System.Reflection;
using System.Text;

namespace OktaServiceApp.Core.Scopes;

/// <summary>
/// Which OAuth scopes each Okta API call needs, from a table generated at build time out of Okta's own OpenAPI specs
/// (Spec/README.md). No scope list is kept by hand: a new spec is a new table.
/// </summary>
public static class RequiredScopes
{
    private const string ResourceName = "OktaServiceApp.Core.RequiredScopes.tsv";
    private static readonly Lazy<Table> s_table = new(Load);

    /// <summary>Every operation of the specs, ordered by method then path template.</summary>
    public static IReadOnlyList<ApiOperation> Operations => s_table.Value.All;

    /// <summary>
    /// The operation a concrete call hits: <paramref name="path"/> may be /api/v1/users/00u1, carry a query string, or be a full URL.
    /// Where templates overlap, a literal segment wins over a parameter (/api/v1/users/me over /api/v1/users/{id}), as Okta routes.
    /// Null when the spec has no such operation.
    /// </summary>
    public static ApiOperation? Find(string method, string path)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        if (path is null) throw new ArgumentNullException(nameof(path));

        var segments = Segments(path);
        if (!s_table.Value.ByMethod.TryGetValue(method.Trim().ToUpperInvariant(), out var candidates))
        {
            return null;
        }

        ApiOperation? best = null;
        foreach (var operation in candidates)
        {
            if (Matches(operation.Segments, segments) && (best is null || MoreLiteral(operation.Segments, best.Segments)))
            {
                best = operation;
            }
        }

        return best;
    }

    /// <summary>The path's segments, without scheme and host, query or fragment, and unescaped.</summary>
    internal static string[] Segments(string path)
    {
        var text = path.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            text = absolute.AbsolutePath;
        }

        var end = text.IndexOfAny(new[] { '?', '#' });
        if (end >= 0)
        {
            text = text.Substring(0, end);
        }

        return text.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
    }

    private static bool Matches(string[] template, string[] segments)
    {
        if (template.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < template.Length; i++)
        {
            if (IsParameter(template[i]) ? segments[i].Length == 0 : !string.Equals(template[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    // Left to right, the first segment where one template is literal and the other a parameter decides.
    private static bool MoreLiteral(string[] candidate, string[] current)
    {
        for (var i = 0; i < candidate.Length; i++)
        {
            var a = IsParameter(candidate[i]);
            var b = IsParameter(current[i]);
            if (a != b)
            {
                return !a;
            }
        }

        return false;
    }

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    private static Table Load()
    {
        using var stream = typeof(RequiredScopes).GetTypeInfo().Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The build did not embed {ResourceName}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var all = new List<ApiOperation>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            var scopes = fields[2].Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            all.Add(new ApiOperation(fields[0], fields[1], scopes));
        }

        return new Table(all);
    }

    private sealed class Table
    {
        public Table(List<ApiOperation> all)
        {
            All = all;
            ByMethod = all.GroupBy(o => o.Method, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<ApiOperation>)g.ToList(), StringComparer.Ordinal);
        }

        public IReadOnlyList<ApiOperation> All { get; }
        public Dictionary<string, IReadOnlyList<ApiOperation>> ByMethod { get; }
    }
}
