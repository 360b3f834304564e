namespace OktaServiceApp.Core.Grants;

/// <summary>An OAuth2ScopeConsentGrant.</summary>
public sealed class ScopeGrant
{
    public string Id { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string ScopeId { get; init; } = "";
    public string Issuer { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? Created { get; init; }
    public string? Source { get; init; }

    /// <summary>True for an ACTIVE grant of <paramref name="scopeId"/> by <paramref name="issuer"/>, trailing slashes aside.
    /// A grant Okta returned without an issuer counts as a match.</summary>
    public bool IsActiveGrantOf(string scopeId, string issuer) =>
        string.Equals(ScopeId, scopeId, StringComparison.Ordinal) &&
        string.Equals(Status, "ACTIVE", StringComparison.OrdinalIgnoreCase) &&
        (Issuer.Length == 0 || string.Equals(Issuer.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
