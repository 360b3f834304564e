using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Apps;

/// <summary>Creates, finds and deletes service apps.</summary>
public sealed class ServiceAppClient
{
    public ServiceAppClient(OktaClient client) => throw new NotImplementedException();

    /// <summary>POST /oauth2/v1/clients with the seed guide's body, or POST /api/v1/apps when RequireDpop.
    /// An unknown outcome (dropped connection, 5xx, timeout) is never re-POSTed blindly: the client is looked up by
    /// q=client_name and kid first.</summary>
    public Task<ServiceApp> CreateAsync(ServiceAppSpec spec, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>GET /oauth2/v1/clients/{clientId}.</summary>
    public Task<ServiceApp> GetAsync(string clientId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>GET /oauth2/v1/clients?q=..., following paging; only service apps are passed on.</summary>
    public Task ListAsync(string? nameStartsWith, Func<ServiceApp, Task> onApp, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>DELETE /oauth2/v1/clients/{clientId}.</summary>
    public Task DeleteAsync(string clientId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
