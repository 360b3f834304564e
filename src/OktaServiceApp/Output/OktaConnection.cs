using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.PowerShell;

/// <summary>
/// A connection to an Okta org: where it is and how the module authenticates. Never shows the API token or access token.
/// Pass one to -Connection to work with several orgs or apps at once.
/// </summary>
public sealed class OktaConnection
{
    internal OktaConnection(OktaClient client, string source)
    {
        Client = client;
        Source = source;
    }

    /// <summary>The org URL.</summary>
    public string OrgUrl => Core.Configuration.OrgUrl.ToIssuer(Client.OrgUrl);
    /// <summary>SSWS (API token) or PrivateKey (OAuth for Okta as a service app).</summary>
    public string AuthMode => Client.Credentials.Mode;
    /// <summary>The service app's client id, in PrivateKey mode.</summary>
    public string? ClientId => (Client.Credentials as OAuthCredentials)?.ClientId;
    /// <summary>The scopes asked for, in PrivateKey mode.</summary>
    public string[] Scopes => (Client.Credentials as OAuthCredentials)?.Scopes.ToArray() ?? Array.Empty<string>();
    /// <summary>When the current access token expires, in PrivateKey mode.</summary>
    public DateTimeOffset? TokenExpiresOn => (Client.Credentials as OAuthCredentials)?.TokenExpiresOn;
    /// <summary>Where the settings came from: parameters, environment variables or ~/.okta/okta.yaml.</summary>
    public string Source { get; }
    /// <summary>Retries per call for rate limits and faults.</summary>
    public int MaxRetries => Client.Options.MaxRetries;
    /// <summary>The per-request timeout.</summary>
    public TimeSpan RequestTimeout => Client.Options.RequestTimeout;
    /// <summary>Percent of each rate limit this module may use.</summary>
    public int MaxApiCapacity => Client.Options.MaxApiCapacity;

    internal OktaClient Client { get; }

    /// <inheritdoc />
    public override string ToString() => $"{OrgUrl} ({AuthMode})";
}
