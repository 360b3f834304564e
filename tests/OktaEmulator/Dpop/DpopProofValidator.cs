using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using OktaEmulator.Keys;
using OktaEmulator.State;

namespace OktaEmulator.Dpop;

/// <summary>
/// Checks a DPoP proof (RFC 9449) the way Okta does, for the token request and for resource requests.
/// Error descriptions follow Okta's catalog. A proof's jti is burned once its signature and claims check out,
/// so a client that resends a proof (say, after a 429) is refused as on a real org.
/// </summary>
internal sealed class DpopProofValidator
{
    public const string Missing = "The DPoP proof JWT header is missing.";

    /// <summary>Okta refuses proofs older than five minutes; a few seconds of clock skew are tolerated the other way.</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(5);

    private readonly OrgStore _store;
    private readonly Func<DateTimeOffset> _clock;

    public DpopProofValidator(OrgStore store, Func<DateTimeOffset> clock)
    {
        _store = store;
        _clock = clock;
    }

    /// <param name="request">The request carrying the DPoP header.</param>
    /// <param name="accessToken">For resource requests, the presented token (its hash must be the proof's ath); null at /token.</param>
    public async Task<DpopProofResult> ValidateAsync(HttpRequest request, string? accessToken)
    {
        var headers = request.Headers["DPoP"];
        if (headers.Count == 0 || string.IsNullOrWhiteSpace(headers[0]))
        {
            return DpopProofResult.Fail(Missing);
        }

        if (headers.Count > 1)
        {
            return DpopProofResult.Fail("Only one DPoP proof JWT header is allowed.");
        }

        var jwt = CompactJwt.TryParse(headers[0]);
        if (jwt is null)
        {
            return DpopProofResult.Fail("The DPoP proof JWT cannot be parsed.");
        }

        if (jwt.Typ != "dpop+jwt")
        {
            return DpopProofResult.Fail("The DPoP proof JWT header 'typ' must be 'dpop+jwt'.");
        }

        if (jwt.Alg is null || !JwsVerifier.AllowedAlgorithms.Contains(jwt.Alg))
        {
            return DpopProofResult.Fail("The DPoP proof JWT signature algorithm is invalid.");
        }

        // The public key travels in the header as a JSON object; a string-encoded jwk is a known SDK bug.
        if (jwt.Header["jwk"] is not JsonObject jwkJson)
        {
            return DpopProofResult.Fail("The DPoP proof JWT header must contain a 'jwk' JSON object.");
        }

        var jwk = JwkParser.Parse(jwkJson, out var jwkError);
        if (jwk is null)
        {
            return DpopProofResult.Fail("The 'jwk' in the DPoP proof JWT header is invalid: " + jwkError);
        }

        var jkt = JwkThumbprint.Compute(jwkJson);
        if (jkt is null)
        {
            return DpopProofResult.Fail("The 'jwk' in the DPoP proof JWT header is invalid: it needs kty and, for EC, crv.");
        }

        if (!JwsVerifier.AlgorithmFits(jwt.Alg, jwk.Kty))
        {
            return DpopProofResult.Fail("The DPoP proof JWT signature algorithm is invalid.");
        }

        if (!await JwsVerifier.VerifyAsync(jwt.Raw, jwk.VerificationKey, jwt.Alg))
        {
            return DpopProofResult.Fail("The DPoP proof JWT signature is invalid.");
        }

        var claimError = CheckClaims(jwt, request, accessToken);
        if (claimError is not null)
        {
            return DpopProofResult.Fail(claimError);
        }

        lock (_store.Gate)
        {
            if (!_store.ProofJtis.TryConsume(jkt, jwt.StringClaim("jti")!))
            {
                return DpopProofResult.Fail("The DPoP proof JWT has already been used.");
            }
        }

        return new DpopProofResult(jkt, jwt.StringClaim("nonce"), null);
    }

    /// <summary>base64url(SHA-256(ASCII(token))): the ath a resource-request proof must carry.</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    private string? CheckClaims(CompactJwt jwt, HttpRequest request, string? accessToken)
    {
        if (jwt.StringClaim("htm") != request.Method)
        {
            return "'htm' claim in the DPoP proof JWT is invalid.";
        }

        if (!HtuMatches(jwt.StringClaim("htu"), request))
        {
            return "'htu' claim in the DPoP proof JWT is invalid.";
        }

        var now = _clock();
        if (jwt.TimeClaim("iat") is not { } iatSeconds)
        {
            return "'iat' claim in the DPoP proof JWT is invalid.";
        }

        var iat = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
        if (iat > now + Skew)
        {
            return "The DPoP proof JWT was issued in the future.";
        }

        if (iat < now - MaxAge)
        {
            return "The DPoP proof JWT was issued more than five minutes in the past.";
        }

        if (string.IsNullOrEmpty(jwt.StringClaim("jti")))
        {
            return "'jti' claim in the DPoP proof JWT is invalid.";
        }

        if (accessToken is not null && jwt.StringClaim("ath") != AccessTokenHash(accessToken))
        {
            return "'ath' claim in the DPoP proof does not match the presented access_token.";
        }

        return null;
    }

    /// <summary>htu is the request URL without query or fragment: scheme, host, port and (decoded) path must match.</summary>
    private static bool HtuMatches(string? htu, HttpRequest request)
    {
        if (htu is null || !Uri.TryCreate(htu, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == port
            && Uri.UnescapeDataString(uri.AbsolutePath) == (request.PathBase + request.Path).Value;
    }
}
