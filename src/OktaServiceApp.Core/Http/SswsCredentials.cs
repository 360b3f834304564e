namespace OktaServiceApp.Core.Http;

/// <summary>Authorization: SSWS {token}. The token is kept only here and only put on the wire.</summary>
public sealed class SswsCredentials : IOktaCredentials
{
    public SswsCredentials(string apiToken) => throw new NotImplementedException();

    public string Mode => "SSWS";

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public bool OnResponse(HttpResponseMessage response) => false;
}
