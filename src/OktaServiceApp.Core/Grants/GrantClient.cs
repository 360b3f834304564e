using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Grants;

/// <summary>Scope consent grants, /api/v1/apps/{clientId}/grants.</summary>
public sealed class GrantClient
{
    public GrantClient(OktaClient client) => throw new NotImplementedException();

    /// <summary>GET ...?expand=scope, following paging.</summary>
    public Task<IReadOnlyList<ScopeGrant>> ListAsync(string clientId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>POST {"scopeId","issuer"}. When the outcome is unknown (fault, timeout) the grants are re-read and the POST is
    /// repeated only if the grant is still missing, so it exists exactly once.</summary>
    public Task<ScopeGrant> GrantAsync(string clientId, string scopeId, string issuer, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>DELETE .../grants/{grantId}.</summary>
    public Task RevokeAsync(string clientId, string grantId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
