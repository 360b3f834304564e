using OktaServiceApp.Core.Apps;

namespace OktaServiceApp.PowerShell;

/// <summary>An Okta OAuth service app. Pipe it to Grant-OktaScope, Get-OktaAccessToken or Export-OktaPrivateKey.</summary>
public sealed class OktaServiceApp
{
    internal OktaServiceApp(ServiceApp app, Uri orgUrl, OktaJwks? jwks)
    {
        ClientId = app.ClientId;
        Name = app.Name;
        ApplicationType = app.ApplicationType;
        GrantTypes = app.GrantTypes.ToArray();
        TokenEndpointAuthMethod = app.TokenEndpointAuthMethod;
        KeyIds = app.Keys.Select(k => k.Kid ?? "").ToArray();
        CreatedAt = app.CreatedAt;
        OrgUrl = Core.Configuration.OrgUrl.ToIssuer(orgUrl);
        RequireDpop = app.RequireDpop;
        Jwks = jwks;
    }

    /// <summary>The OAuth client id (also the Okta app id).</summary>
    public string ClientId { get; }
    /// <summary>The client name.</summary>
    public string Name { get; }
    /// <summary>Always "service" for apps this module creates.</summary>
    public string? ApplicationType { get; }
    /// <summary>OAuth grant types, e.g. client_credentials.</summary>
    public string[] GrantTypes { get; }
    /// <summary>private_key_jwt for apps this module creates.</summary>
    public string? TokenEndpointAuthMethod { get; }
    /// <summary>The kids of the app's registered public keys.</summary>
    public string[] KeyIds { get; }
    /// <summary>When Okta issued the client id.</summary>
    public DateTimeOffset? CreatedAt { get; }
    /// <summary>The org the app lives in.</summary>
    public string OrgUrl { get; }
    /// <summary>True when token requests must carry a DPoP proof; empty when unknown.</summary>
    public bool? RequireDpop { get; }
    /// <summary>The key pair, when this session made or imported it (its private part is never shown).</summary>
    public OktaJwks? Jwks { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({ClientId})";
}
