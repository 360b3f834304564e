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
}
