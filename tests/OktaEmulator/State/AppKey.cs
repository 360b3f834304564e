using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using OktaEmulator.Keys;

namespace OktaEmulator.State;

/// <summary>A registered client key. Only ACTIVE keys verify client assertions.</summary>
internal sealed class AppKey
{
    public required string Id { get; init; }
    public string? Kid { get; init; }
    public required string Kty { get; init; }
    public string? Alg { get; init; }
    public string? Use { get; init; }
    public required string Status { get; set; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset LastUpdated { get; set; }
    public required JsonObject Material { get; init; }
    public required SecurityKey VerificationKey { get; init; }

    public bool IsActive => Status == "ACTIVE";

    public static AppKey From(ParsedJwk jwk, string id, DateTimeOffset now) => new()
    {
        Id = id,
        Kid = jwk.Kid,
        Kty = jwk.Kty,
        Alg = jwk.Alg,
        Use = jwk.Use,
        Status = jwk.Status ?? "ACTIVE",
        Created = now,
        LastUpdated = now,
        Material = jwk.Material,
        VerificationKey = jwk.VerificationKey,
    };
}
