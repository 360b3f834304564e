using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace OktaEmulator.Keys;

/// <summary>A validated public JWK: what the client sent (to echo back) plus a key that can verify signatures.</summary>
internal sealed class ParsedJwk
{
    public required string Kty { get; init; }
    public string? Kid { get; init; }
    public string? Alg { get; init; }
    public string? Use { get; init; }

    /// <summary>ACTIVE or INACTIVE when the client asked for one (Apps API), else null.</summary>
    public string? Status { get; init; }

    /// <summary>The public members exactly as sent: e/n for RSA, crv/x/y for EC (crv stays null when it was omitted).</summary>
    public required JsonObject Material { get; init; }

    public required SecurityKey VerificationKey { get; init; }
}
