using OktaServiceApp.Core.Grants;

namespace OktaServiceApp.PowerShell;

/// <summary>An Okta API scope granted to a service app (an OAuth2ScopeConsentGrant).</summary>
public sealed class OktaScopeGrant
{
    internal OktaScopeGrant(ScopeGrant grant)
    {
        Id = grant.Id;
        ClientId = grant.ClientId;
        ScopeId = grant.ScopeId;
        Issuer = grant.Issuer;
        Status = grant.Status;
        Created = grant.Created;
        Source = grant.Source;
    }

    /// <summary>The grant id.</summary>
    public string Id { get; }
    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>The Okta scope, e.g. okta.users.read.</summary>
    public string ScopeId { get; }
    /// <summary>The org authorization server that honours the grant.</summary>
    public string Issuer { get; }
    /// <summary>ACTIVE or REVOKED.</summary>
    public string Status { get; }
    /// <summary>When the grant was made.</summary>
    public DateTimeOffset? Created { get; }
    /// <summary>ADMIN or END_USER.</summary>
    public string? Source { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ClientId} {ScopeId}";
}
