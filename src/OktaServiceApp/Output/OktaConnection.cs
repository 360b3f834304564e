using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.PowerShell;

/// <summary>
/// A connection to an Okta org: where it is and how the module authenticates. Never shows the API token or access token.
/// Pass one to -Connection to work with several orgs or apps at once.
/// </summary>
public sealed class OktaConnection
{
    internal OktaConnection(OrgConnection connection)
    {
        Org = connection;
    }

    /// <summary>The org URL.</summary>
    public string OrgUrl => Core.Configuration.OrgUrl.ToIssuer(Client.OrgUrl);
    /// <summary>SSWS (API token) or PrivateKey (OAuth for Okta as a service app).</summary>
    public string AuthMode => Org.Credential.Mode;
    /// <summary>The service app's client id, in PrivateKey mode.</summary>
    public string? ClientId => Org.Credential.ClientId;
    /// <summary>The scopes asked for, in PrivateKey mode.</summary>
    public string[] Scopes => Org.Credential.Scopes.ToArray();
    /// <summary>When the current access token expires, in PrivateKey mode.</summary>
    public DateTimeOffset? TokenExpiresOn => Org.Credential.TokenExpiresOn;
    /// <summary>Where the settings came from: parameters, environment variables or ~/.okta/okta.yaml.</summary>
    public string Source => Org.Source;
    /// <summary>Retries per call for rate limits and faults.</summary>
    public int MaxRetries => Client.Options.MaxRetries;
    /// <summary>The per-request timeout.</summary>
    public TimeSpan RequestTimeout => Client.Options.RequestTimeout;
    /// <summary>Percent of each rate limit this module may use.</summary>
    public int MaxApiCapacity => Client.Options.MaxApiCapacity;

    internal OrgConnection Org { get; }

    internal OktaClient Client => Org.Client;

    /// <inheritdoc />
    public override string ToString() => $"{OrgUrl} ({AuthMode})";
}
