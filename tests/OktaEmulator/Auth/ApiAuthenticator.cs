using System.Security.Cryptography;
using System.Text;
using OktaEmulator.Dpop;
using OktaEmulator.Http;
using OktaEmulator.Keys;
using OktaEmulator.State;

namespace OktaEmulator.Auth;

/// <summary>
/// Authenticates management calls: SSWS API token, Bearer token, or DPoP token + proof, and checks the route's scope.
/// Each refusal has Okta's status, body shape and WWW-Authenticate header, because clients branch on exactly those.
/// </summary>
internal sealed class ApiAuthenticator
{
    private const string InsufficientScope = "The access token provided does not contain the required scopes.";

    private readonly Func<string> _apiToken;
    private readonly Func<string> _orgUrl;
    private readonly OrgStore _store;
    private readonly DpopProofValidator _dpop;
    private readonly Func<DateTimeOffset> _clock;

    public ApiAuthenticator(Func<string> apiToken, Func<string> orgUrl, OrgStore store, DpopProofValidator dpop, Func<DateTimeOffset> clock)
    {
        _apiToken = apiToken;
        _orgUrl = orgUrl;
        _store = store;
        _dpop = dpop;
        _clock = clock;
    }

    /// <summary>Null when the request may proceed (the caller is then attached to the context); else the refusal.</summary>
    public async Task<ApiResponse?> AuthenticateAsync(HttpContext context, ScopeRequirement requirement)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var space = authorization.IndexOf(' ');
        var scheme = space > 0 ? authorization[..space] : "";
        var credential = space > 0 ? authorization[(space + 1)..].Trim() : "";

        if (scheme.Equals("SSWS", StringComparison.OrdinalIgnoreCase))
        {
            if (!FixedTimeEquals(credential, _apiToken()))
            {
                return InvalidToken();
            }

            Caller.ApiTokenAdmin.AttachTo(context);
            return null;
        }

        var isBearer = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
        var isDpop = scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase);
        if (!(isBearer || isDpop) || credential.Length == 0)
        {
            return InvalidToken();
        }

        IssuedToken? token;
        lock (_store.Gate)
        {
            token = _store.FindToken(credential);
        }

        if (token is null || token.ExpiresAt <= _clock())
        {
            return InvalidToken();
        }

        if (token.IsDpopBound)
        {
            if (isBearer)
            {
                return DpopError(StatusCodes.Status400BadRequest, "invalid_request", "The resource request requires a DPoP proof.");
            }

            var proof = await _dpop.ValidateAsync(context.Request, credential);
            if (!proof.IsValid)
            {
                return DpopError(StatusCodes.Status400BadRequest, "invalid_dpop_proof", proof.Error!);
            }

            if (proof.Jkt != token.Jkt)
            {
                return DpopError(StatusCodes.Status400BadRequest, "invalid_dpop_proof", "The access_token is not bound to the provided DPoP proof.");
            }
        }
        else if (isDpop)
        {
            return DpopError(StatusCodes.Status401Unauthorized, "invalid_token", "The presented access_token is not DPoP bound.");
        }

        if (!requirement.IsSatisfiedBy(token.Scopes))
        {
            // Okta answers a missing scope with no body: everything is in the header.
            return ApiResponse.Empty(StatusCodes.Status403Forbidden).WithHeader("WWW-Authenticate",
                $"Bearer authorization_uri=\"{_orgUrl()}/oauth2/v1/authorize\", realm=\"IDX\", scope=\"{requirement.Scope}\", " +
                $"error=\"insufficient_scope\", error_description=\"{InsufficientScope}\", resource=\"{context.Request.Path}\"");
        }

        Caller.Client(token.ClientId).AttachTo(context);
        return null;
    }

    private static ApiResponse InvalidToken() =>
        ApiResponse.OktaError(StatusCodes.Status401Unauthorized, "E0000011", "Invalid token provided");

    private static ApiResponse DpopError(int status, string error, string description) =>
        ApiResponse.OAuthError(status, error, description).WithHeader("WWW-Authenticate",
            $"DPoP algs=\"{JwsVerifier.AllowedAlgorithmsHeaderValue}\", error=\"{error}\", error_description=\"{description}\"");

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
