using System.Globalization;
using System.Text.Json.Nodes;

namespace KeyVaultEmulator.Vault;

/// <summary>Key Vault's error shape, {"error":{"code","message"[,"innererror":{"code"}]}}, with the headers Key Vault sends.</summary>
internal static class VaultErrors
{
    public static IResult Error(int status, string code, string message, string? innerCode = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = innerCode };
        }

        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    /// <summary>401 with the Bearer challenge a client reads to learn the authority and the resource to ask a token for.</summary>
    public static IResult Unauthorized(HttpContext context, string tenantId, string message)
    {
        context.Response.Headers.WWWAuthenticate =
            $"Bearer authorization=\"https://login.microsoftonline.com/{tenantId}\", resource=\"https://vault.azure.net\"";
        return Error(StatusCodes.Status401Unauthorized, "Unauthorized", message);
    }

    public static IResult Forbidden(string action, string principalId, string vaultUrl) =>
        Error(StatusCodes.Status403Forbidden, "Forbidden",
            "Caller is not authorized to perform action on resource.\r\n" +
            "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n" +
            $"Caller: oid={principalId}\r\nAction: 'Microsoft.KeyVault/vaults/keys/{action}'\r\nResource: '{vaultUrl}'\r\n" +
            "Assignment: (not found)\r\nDecisionReason: 'DeniedWithNoValidRBAC'\r\n",
            "ForbiddenByRbac");

    public static IResult KeyNotFound(string nameOrId) =>
        Error(StatusCodes.Status404NotFound, "KeyNotFound",
            $"A key with (name/id) {nameOrId} was not found in this key vault. If you recently deleted this key you may be able " +
            "to recover it using the correct recovery command.");

    public static IResult BadParameter(string message) => Error(StatusCodes.Status400BadRequest, "BadParameter", message);

    public static IResult Throttled(HttpContext context, int status, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return status == StatusCodes.Status429TooManyRequests
            ? Error(status, "Throttled",
                "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached")
            : Error(status, "ServiceUnavailable", "The service is temporarily unavailable. Please try again later.");
    }
}
