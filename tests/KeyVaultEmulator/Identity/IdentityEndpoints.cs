using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyVaultEmulator.Hosting;

namespace KeyVaultEmulator.Identity;

/// <summary>
/// The two managed identity token endpoints: the App Service / Automation / Functions one (IDENTITY_ENDPOINT, secret in
/// X-IDENTITY-HEADER, api-version 2019-08-01) and the VM instance metadata one (IMDS, header Metadata: true,
/// api-version 2018-02-01). Both issue a token for any resource; only the vault decides whether the audience fits.
/// </summary>
internal static class IdentityEndpoints
{
    public const string IdentityPath = "/msi/token";
    public const string ImdsPath = "/metadata/identity/oauth2/token";

    public static void Map(IEndpointRouteBuilder routes, VaultRuntime vault)
    {
        routes.MapGet(IdentityPath, (HttpContext context) =>
        {
            var query = context.Request.Query;
            if (query["api-version"].ToString() != "2019-08-01")
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_request", "The api-version is missing or not supported; use 2019-08-01.");
            }

            var secret = context.Request.Headers["X-IDENTITY-HEADER"].ToString();
            if (secret.Length == 0 || !FixedTimeEquals(secret, vault.Options.IdentityHeader))
            {
                return Error(StatusCodes.Status401Unauthorized, "unauthorized_client", "The X-IDENTITY-HEADER header is missing or wrong.");
            }

            return Issue(vault, query["resource"].ToString(), imds: false);
        });

        routes.MapGet(ImdsPath, (HttpContext context) =>
        {
            var query = context.Request.Query;
            if (context.Request.Headers["Metadata"].ToString() != "true")
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_request", "Required metadata header not specified");
            }

            if (query["api-version"].ToString().Length == 0)
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_request", "Required query variable 'api-version' is missing");
            }

            return Issue(vault, query["resource"].ToString(), imds: true);
        });
    }

    private static IResult Issue(VaultRuntime vault, string resource, bool imds)
    {
        if (resource.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Required query variable 'resource' is missing");
        }

        var token = vault.IssueToken(resource);
        var expiresOn = token.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["access_token"] = token.Value,
            ["expires_on"] = expiresOn,
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = vault.PrincipalId,
        };
        if (imds)
        {
            var lifetime = ((long)vault.Options.TokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            body["refresh_token"] = "";
            body["expires_in"] = lifetime;
            body["ext_expires_in"] = lifetime;
            body["not_before"] = vault.Now().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json(body);
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
