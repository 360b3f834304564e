using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OktaEmulator.Keys;

/// <summary>Signature checks through Microsoft.IdentityModel; claims are checked by the callers against Okta's rules.</summary>
internal static class JwsVerifier
{
    /// <summary>The algorithms Okta accepts for private_key_jwt assertions and DPoP proofs.</summary>
    public static readonly string[] AllowedAlgorithms = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

    public const string AllowedAlgorithmsHeaderValue = "RS256 RS384 RS512 ES256 ES384 ES512";

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>True when <paramref name="alg"/> is allowed and fits the key type (RS* needs RSA, ES* needs EC).</summary>
    public static bool AlgorithmFits(string? alg, string kty) =>
        alg is not null && AllowedAlgorithms.Contains(alg) && (alg.StartsWith("RS", StringComparison.Ordinal) ? kty == "RSA" : kty == "EC");

    public static async Task<bool> VerifyAsync(string compact, SecurityKey key, string alg)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = [key],
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = [alg],
            RequireSignedTokens = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireAudience = false,
            ValidateIssuerSigningKey = false,
        };

        var result = await Handler.ValidateTokenAsync(compact, parameters);
        return result.IsValid;
    }
}
