namespace OktaServiceApp.Core.Http;

/// <summary>Adds nothing: the token endpoint authenticates with the client assertion in the body.</summary>
internal sealed class NoCredentials : IOktaCredentials
{
    public static readonly NoCredentials Instance = new();

    public string Mode => "None";

    public Connections.CredentialInfo Describe() => new(Mode);

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.CompletedTask;

    public bool OnResponse(HttpResponseMessage response) => false;
}
