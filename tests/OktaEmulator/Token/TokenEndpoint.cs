using System.Text.Json.Nodes;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Token;

/// <summary>
/// The org authorization server's token endpoint, client_credentials only (okta-api.md §4). Errors are OAuth-style
/// (the 429 from the pipeline is the one Okta-style exception). DPoP-bound clients go through the nonce dance.
/// </summary>
internal static class TokenEndpoint
{
    public const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org) =>
        routes.MapPost("/oauth2/v1/token", (HttpRequest r) => IssueAsync(r.HttpContext, org));

    private static async Task<IResult> IssueAsync(HttpContext context, OrgRuntime org)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(new(StatusCodes.Status400BadRequest, "invalid_request", "The request must be application/x-www-form-urlencoded."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"].ToString() != "client_credentials")
        {
            return Error(new(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials]."));
        }

        var assertion = form["client_assertion"].ToString();
        if (assertion.Length > 0 && (form.ContainsKey("client_secret") || context.Request.Headers.Authorization.Count > 0))
        {
            return Error(new(StatusCodes.Status400BadRequest, "invalid_request",
                "Can't supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body."));
        }

        if (assertion.Length == 0)
        {
            return Error(TokenError.InvalidClient("No client credentials found."));
        }

        if (form["client_assertion_type"].ToString() != JwtBearer)
        {
            return Error(new(StatusCodes.Status400BadRequest, "invalid_request", "The client_assertion_type is invalid."));
        }

        var scope = form["scope"].ToString();
        if (string.IsNullOrWhiteSpace(scope))
        {
            return Error(new(StatusCodes.Status400BadRequest, "invalid_scope", "No scopes were requested."));
        }

        var formClientId = form.ContainsKey("client_id") ? form["client_id"].ToString() : null;
        var (client, authError) = await new ClientAssertionValidator(org).ValidateAsync(assertion, formClientId);
        if (client is null)
        {
            return Error(authError!);
        }

        string? jkt = null;
        if (client.DpopBound)
        {
            var proof = await org.Dpop.ValidateAsync(context.Request, accessToken: null);
            if (!proof.IsValid)
            {
                return Error(new(StatusCodes.Status400BadRequest, "invalid_dpop_proof", proof.Error!));
            }

            string nonce;
            lock (org.Store.Gate)
            {
                nonce = org.Store.DpopNonce;
            }

            if (proof.Nonce != nonce)
            {
                return Error(new(StatusCodes.Status400BadRequest, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof."))
                    .WithHeader("DPoP-Nonce", nonce);
            }

            jkt = proof.Jkt;
        }

        lock (org.Store.Gate)
        {
            var (scopes, scopeError) = ScopeRequest.Check(scope, client, org.OrgUrl);
            if (scopes is null)
            {
                return Error(scopeError!);
            }

            var now = org.Now();
            var accessToken = OktaIds.Secret(64);
            org.Store.AddToken(accessToken, new IssuedToken(client.ClientId, scopes, jkt, now, now + Lifetime));
            var response = NoStore(ApiResponse.Ok(new JsonObject
            {
                ["token_type"] = jkt is null ? "Bearer" : "DPoP",
                ["expires_in"] = (int)Lifetime.TotalSeconds,
                ["access_token"] = accessToken,
                ["scope"] = string.Join(' ', scopes),
            }));
            return jkt is null ? response : response.WithHeader("DPoP-Nonce", org.Store.DpopNonce);
        }
    }

    private static ApiResponse Error(TokenError error) =>
        NoStore(ApiResponse.OAuthError(error.Status, error.Error, error.Description));

    /// <summary>Token responses must not be cached (RFC 6749 §5.1).</summary>
    private static ApiResponse NoStore(ApiResponse response) =>
        response.WithHeader("Cache-Control", "no-store").WithHeader("Pragma", "no-cache");
}
