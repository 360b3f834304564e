using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.AppKeys;

/// <summary>A public key registered for an app (Okta's oAuthClientJsonWebKey): its Okta id (pks...), kid and status.</summary>
public sealed class AppKey
{
    /// <summary>Okta's id for the key (pks...), used in the JWKS endpoints' paths.</summary>
    public string Id { get; init; } = "";
    public string? KeyId { get; init; }
    public string Status { get; init; } = "";
    public string? Algorithm { get; init; }
    public string KeyType { get; init; } = "";
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }
    public PublicJwk Jwk { get; init; } = new();
}
