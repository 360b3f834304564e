namespace OktaServiceApp.Core.Grants;

/// <summary>Okta management API scopes (okta-api.md §6), for tab completion and validation hints.</summary>
public static class ScopeCatalog
{
    public static IReadOnlyList<string> All => throw new NotImplementedException();

    /// <summary>False for empty strings and strings with white space; unknown but well-formed scopes are allowed.</summary>
    public static bool IsWellFormed(string? scope) => throw new NotImplementedException();
}
