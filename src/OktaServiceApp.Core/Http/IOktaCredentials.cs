namespace OktaServiceApp.Core.Http;

/// <summary>Puts authorization on a request. Called once per attempt, so DPoP proofs are always fresh on retries.</summary>
public interface IOktaCredentials
{
    /// <summary>"SSWS" or "PrivateKey" (OAuth for Okta).</summary>
    string Mode { get; }

    /// <summary>What these credentials authenticate as, never a secret.</summary>
    Connections.CredentialInfo Describe();

    Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Lets the credentials react to a response (e.g. remember a DPoP-Nonce). Returns true when the request
    /// should be sent again once with fresh credentials (e.g. use_dpop_nonce on a resource call).</summary>
    bool OnResponse(HttpResponseMessage response);
}
