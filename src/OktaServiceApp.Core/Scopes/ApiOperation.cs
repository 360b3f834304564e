namespace OktaServiceApp.Core.Scopes;

/// <summary>One operation of Okta's API as its OpenAPI spec declares it: method, path template and the OAuth scopes it needs.</summary>
public sealed class ApiOperation
{
    internal ApiOperation(string method, string pathTemplate, IReadOnlyList<string> scopes)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Scopes = scopes;
        Segments = pathTemplate.Trim('/').Split('/');
    }

    /// <summary>GET, POST, PUT, PATCH, DELETE, ...</summary>
    public string Method { get; }

    /// <summary>Such as /api/v1/users/{id}.</summary>
    public string PathTemplate { get; }

    /// <summary>Every scope the call needs (the spec's oauth2 requirement lists them all-of); empty when no OAuth scope opens it
    /// (API token only, or no authentication).</summary>
    public IReadOnlyList<string> Scopes { get; }

    internal string[] Segments { get; }

    /// <summary>The scopes of <see cref="Scopes"/> that <paramref name="granted"/> does not cover. okta.X.manage covers
    /// okta.X.read, as Okta documents ("manage" includes "read").</summary>
    public IReadOnlyList<string> MissingFrom(IEnumerable<string> granted)
    {
        var have = new HashSet<string>(granted, StringComparer.Ordinal);
        return Scopes.Where(scope => !have.Contains(scope) && !have.Contains(ManageCounterpart(scope))).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {PathTemplate}: {(Scopes.Count == 0 ? "no OAuth scope" : string.Join(" ", Scopes))}";

    private static string ManageCounterpart(string scope) =>
        scope.EndsWith(".read", StringComparison.Ordinal) ? scope.Substring(0, scope.Length - ".read".Length) + ".manage" : scope;
}
