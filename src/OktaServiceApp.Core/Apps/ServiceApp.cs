using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Apps;

/// <summary>What Okta says about a service app, from DCR (/oauth2/v1/clients) or the Apps API (/api/v1/apps).</summary>
public sealed class ServiceApp
{
    public string ClientId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? ApplicationType { get; init; }
    public IReadOnlyList<string> GrantTypes { get; init; } = Array.Empty<string>();
    public string? TokenEndpointAuthMethod { get; init; }
    public IReadOnlyList<PublicJwk> Keys { get; init; } = Array.Empty<PublicJwk>();
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>True when created with dpop_bound_access_tokens; null when unknown (DCR does not say).</summary>
    public bool? RequireDpop { get; init; }
}

/// <summary>What to create.</summary>
public sealed class ServiceAppSpec
{
    public string Name { get; init; } = "";
    /// <summary>Public keys only: the type cannot hold a private member.</summary>
    public IReadOnlyList<PublicJwk> Keys { get; init; } = Array.Empty<PublicJwk>();
    /// <summary>Creates through POST /api/v1/apps with settings.oauthClient.dpop_bound_access_tokens = true (DCR has no DPoP field).</summary>
    public bool RequireDpop { get; init; }
}
