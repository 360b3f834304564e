using System.Net;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>Credentials that count their calls, stamp each attempt with a numbered DPoP header, and can ask for one
/// resend after a 401.</summary>
internal sealed class CountingCredentials : IOktaCredentials
{
    private int _applied;
    private int _responses;

    public bool ResendOn401 { get; init; }
    public int Applied => _applied;
    public int Responses => _responses;
    public string Mode => "Test";

    public Core.Connections.CredentialInfo Describe() => new(Mode);

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _applied);
        request.Headers.TryAddWithoutValidation("DPoP", $"proof-{n}");
        return Task.CompletedTask;
    }

    public bool OnResponse(HttpResponseMessage response)
    {
        Interlocked.Increment(ref _responses);
        return ResendOn401 && response.StatusCode == HttpStatusCode.Unauthorized;
    }
}
