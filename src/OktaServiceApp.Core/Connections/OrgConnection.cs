using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.Core.Connections;

/// <summary>A built connection: the client every use case talks through, and where its settings came from.</summary>
public sealed class OrgConnection
{
    public OrgConnection(OktaClient client, string source)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Source = source ?? "";
    }

    public OktaClient Client { get; }

    /// <summary>"parameters", "environment (OrgUrl, ApiToken)", "/home/me/.okta/okta.yaml (Scopes)" or a mix.</summary>
    public string Source { get; }

    /// <summary>What the connection authenticates as, now (the token expiry moves).</summary>
    public CredentialInfo Credential => Client.Credentials.Describe();

    /// <summary>Proves the credentials now: a service app gets its first token, so a bad key or a missing grant fails at
    /// connect time rather than at the first call.</summary>
    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        if (Client.Credentials is OAuthCredentials app)
        {
            await app.EnsureTokenAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
