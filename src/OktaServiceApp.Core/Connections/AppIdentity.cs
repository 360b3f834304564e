using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Sharing;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.Core.Connections;

/// <summary>A service app ready to act: its org, client id and signing key, resolved once by <see cref="ConnectionBuilder"/>.</summary>
public sealed class AppIdentity
{
    internal AppIdentity(Uri? orgUrl, string clientId, IJwsSigner signer, OktaClientOptions? options, OktaRegistry registry)
    {
        OrgUrl = orgUrl;
        ClientId = clientId;
        Signer = signer;
        Options = options;
        Registry = registry;
    }

    /// <summary>Null only when the caller said the org is not needed (an assertion with an explicit audience).</summary>
    public Uri? OrgUrl { get; }
    public string ClientId { get; }
    public IJwsSigner Signer { get; }
    internal OktaClientOptions? Options { get; }
    internal OktaRegistry Registry { get; }

    /// <summary>The token endpoint client of the app's org, sharing tokens and pacing through the registry.</summary>
    public TokenClient Tokens() =>
        new(Options ?? throw new InvalidOperationException("No org URL was resolved for this app."), Registry);
}
