namespace OktaServiceApp.Core.Http;

/// <summary>One logical call to Okta. The client turns it into one or more HTTP attempts.</summary>
public sealed class OktaRequest
{
    public OktaRequest(HttpMethod method, string pathAndQuery)
    {
        Method = method;
        PathAndQuery = pathAndQuery;
    }

    public HttpMethod Method { get; }
    /// <summary>Relative to the org URL ("/api/v1/apps/x/grants?expand=scope"), or an absolute URL on the org (a Link next).</summary>
    public string PathAndQuery { get; }
    /// <summary>Serialised with System.Text.Json as the JSON body.</summary>
    public object? JsonBody { get; init; }
    /// <summary>Whether faults (5xx, timeouts, dropped connections) may be retried blindly. True for GET and DELETE.
    /// A POST with an unknown outcome throws instead, so the caller can check before trying again.</summary>
    public bool RetryFaults { get; init; }

    /// <summary>Builds the body for each attempt (the token request signs a new client assertion per attempt,
    /// which may take a round trip to a remote key).
    /// Takes precedence over <see cref="JsonBody"/>.</summary>
    internal Func<CancellationToken, Task<HttpContent>>? ContentFactory { get; init; }

    /// <summary>Called for each attempt after the credentials were applied (the token request adds a fresh DPoP proof here).</summary>
    internal Action<HttpRequestMessage>? OnAttempt { get; init; }

    /// <summary>When false, credentials.OnResponse is still called but a "send again" answer is ignored.</summary>
    internal bool AllowCredentialResend { get; init; } = true;
}
