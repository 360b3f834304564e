using OktaServiceApp.Core.Scopes;

namespace OktaServiceApp.PowerShell;

/// <summary>The OAuth scopes one Okta API call needs, as Okta's OpenAPI spec declares them.</summary>
public sealed class OktaRequiredScope
{
    internal OktaRequiredScope(string path, ApiOperation operation)
    {
        Method = operation.Method;
        Path = path;
        PathTemplate = operation.PathTemplate;
        Scope = operation.Scopes.ToArray();
    }

    /// <summary>GET, POST, PUT, PATCH or DELETE.</summary>
    public string Method { get; }
    /// <summary>The path as given.</summary>
    public string Path { get; }
    /// <summary>The spec's path template the path matched, such as /api/v1/users/{id}.</summary>
    public string PathTemplate { get; }
    /// <summary>Every scope the call needs; empty when no OAuth scope opens it (API token only).</summary>
    public string[] Scope { get; }

    /// <inheritdoc />
    public override string ToString() => string.Join(" ", Scope);
}
