using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Keys.Sources;

namespace OktaServiceApp.Core.Connections;

/// <summary>
/// What the caller gave, as given: parameters of Connect-Okta or of an app-credential cmdlet. Anything left null is taken
/// from OKTA_CLIENT_* and then ~/.okta/okta.yaml by <see cref="ConnectionBuilder"/>, which is the only place that decides.
/// </summary>
public sealed class ConnectionRequest
{
    /// <summary>dev-123.okta.com or https://dev-123.okta.com.</summary>
    public string? OrgUrl { get; init; }
    /// <summary>An SSWS API token (a secret).</summary>
    public string? ApiToken { get; init; }
    /// <summary>Set when the caller chose how to authenticate (Connect-Okta's parameter sets); else the settings decide.</summary>
    public AuthorizationMode? Mode { get; init; }
    public string? ClientId { get; init; }
    public KeySource? Key { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public int? MaxRetries { get; init; }
    public TimeSpan? RequestTimeout { get; init; }
    public int? MaxApiCapacity { get; init; }
    /// <summary>The kids registered for the app (bound from a piped app), so an unregistered key is refused before any request.</summary>
    public IReadOnlyList<string>? RegisteredKeyIds { get; init; }

    internal bool HasParameters =>
        OrgUrl is not null || ApiToken is not null || Mode is not null || ClientId is not null || Key is not null ||
        Scopes is not null || MaxRetries is not null || RequestTimeout is not null || MaxApiCapacity is not null;
}
