using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Tokens;

/// <summary>OAuth for Okta: Authorization: Bearer, or DPoP with a fresh proof (with ath) per attempt. Refreshes before expiry.</summary>
public sealed class OAuthCredentials : IOktaCredentials
{
    public OAuthCredentials(TokenClient tokens, string clientId, SigningKey key, IReadOnlyList<string> scopes) =>
        throw new NotImplementedException();

    public string Mode => "PrivateKey";
    public string ClientId => throw new NotImplementedException();
    public IReadOnlyList<string> Scopes => throw new NotImplementedException();
    /// <summary>The expiry of the current token, null before the first call.</summary>
    public DateTimeOffset? TokenExpiresOn => throw new NotImplementedException();

    /// <summary>Gets a token now (Connect-Okta validates the key and grants eagerly).</summary>
    public Task<AccessToken> EnsureTokenAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public bool OnResponse(HttpResponseMessage response) => throw new NotImplementedException();
}
