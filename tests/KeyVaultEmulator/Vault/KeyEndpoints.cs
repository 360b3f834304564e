using System.Text.Json;
using System.Text.Json.Nodes;
using KeyVaultEmulator.Hosting;

namespace KeyVaultEmulator.Vault;

/// <summary>
/// GET {vault}/keys/{name}[/{version}] and POST {vault}/keys/{name}/{version}/sign, checked in this order: api-version (400),
/// bearer token from the identity endpoint for https://vault.azure.net (401 + challenge), throttle (429/503 + Retry-After),
/// role (403 ForbiddenByRbac), the key (404 KeyNotFound, 403 KeyDisabled), the request body (400 BadParameter).
/// </summary>
internal static class KeyEndpoints
{
    private static readonly HashSet<string> s_apiVersions = new(StringComparer.Ordinal)
    {
        "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01",
    };

    public static void Map(IEndpointRouteBuilder routes, VaultRuntime vault)
    {
        routes.MapGet("/keys/{name}", (HttpContext context, string name) => Get(context, vault, name, null));
        routes.MapGet("/keys/{name}/{version}", (HttpContext context, string name, string version) => Get(context, vault, name, version));
        routes.MapPost("/keys/{name}/{version}/sign",
            async (HttpContext context, string name, string version) => await SignAsync(context, vault, name, version));
    }

    private static IResult Get(HttpContext context, VaultRuntime vault, string name, string? version)
    {
        if (Refuse(context, vault, needsSign: false) is { } refusal)
        {
            return refusal;
        }

        var key = vault.FindKey(name, version);
        if (key is null)
        {
            return VaultErrors.KeyNotFound(version is null ? name : $"{name}/{version}");
        }

        return key.Enabled
            ? Results.Json(key.ToBundle(vault.VaultUrl))
            : VaultErrors.Error(StatusCodes.Status403Forbidden, "Forbidden", "Operation get is not allowed on a disabled key.", "KeyDisabled");
    }

    private static async Task<IResult> SignAsync(HttpContext context, VaultRuntime vault, string name, string version)
    {
        if (Refuse(context, vault, needsSign: true) is { } refusal)
        {
            return refusal;
        }

        var key = vault.FindKey(name, version);
        if (key is null)
        {
            return VaultErrors.KeyNotFound($"{name}/{version}");
        }

        if (!key.Enabled)
        {
            return VaultErrors.Error(StatusCodes.Status403Forbidden, "Forbidden", "Operation sign is not allowed on a disabled key.", "KeyDisabled");
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return VaultErrors.BadParameter("The request body is not a JSON object with 'alg' and 'value'.");
        }

        var algName = body["alg"] is JsonValue a && a.TryGetValue<string>(out var s) ? s : null;
        var algorithm = SignAlgorithm.Find(algName);
        if (algorithm is null)
        {
            return VaultErrors.BadParameter($"Invalid algorithm: '{algName}'.");
        }

        if (!algorithm.Fits(key))
        {
            return VaultErrors.BadParameter($"The algorithm {algorithm.Name} cannot be used with a {key.Kty} key{(key.Curve is null ? "" : " on " + key.Curve)}.");
        }

        var digest = body["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? FromBase64Url(text) : null;
        if (digest is null)
        {
            return VaultErrors.BadParameter("Property 'value' is not a base64url string.");
        }

        if (digest.Length != algorithm.DigestLength)
        {
            return VaultErrors.BadParameter(
                $"Invalid length of the digest: {digest.Length} bytes. {algorithm.DigestLength} bytes expected for {algorithm.Name}.");
        }

        var signature = key.SignDigest(algorithm, digest);
        return Results.Json(new JsonObject { ["kid"] = key.Kid(vault.VaultUrl), ["value"] = VaultKey.Base64Url(signature) });
    }

    /// <summary>The checks every key operation passes before the key is looked up; null when the call may go on.</summary>
    private static IResult? Refuse(HttpContext context, VaultRuntime vault, bool needsSign)
    {
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
        {
            return VaultErrors.BadParameter("The 'api-version' query parameter is required.");
        }

        if (!s_apiVersions.Contains(apiVersion))
        {
            return VaultErrors.BadParameter($"The specified version ({apiVersion}) is not recognized. Consider using the latest supported version.");
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return VaultErrors.Unauthorized(context, vault.TenantId, "AKV10000: Request is missing a Bearer or PoP token.");
        }

        var token = vault.FindToken(authorization.Substring("Bearer ".Length).Trim());
        if (token is null)
        {
            return VaultErrors.Unauthorized(context, vault.TenantId, "AKV10032: Invalid issuer. The token was not issued by a trusted authority.");
        }

        if (!string.Equals(token.Resource.TrimEnd('/'), VaultRuntime.VaultResource, StringComparison.OrdinalIgnoreCase))
        {
            return VaultErrors.Unauthorized(context, vault.TenantId,
                $"AKV10022: Invalid audience. Expected {VaultRuntime.VaultResource}, found: {token.Resource}.");
        }

        if (token.ExpiresOn <= vault.Now())
        {
            return VaultErrors.Unauthorized(context, vault.TenantId, "AKV10016: The token has expired.");
        }

        if (vault.TakeThrottle() is { } throttle)
        {
            return VaultErrors.Throttled(context, throttle.Status, throttle.RetryAfterSeconds);
        }

        var role = vault.Role;
        if (role == VaultRole.None || (needsSign && role != VaultRole.CryptoUser))
        {
            return VaultErrors.Forbidden(needsSign ? "sign/action" : "read", vault.PrincipalId, vault.VaultUrl);
        }

        return null;
    }

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Any(c => c is '+' or '/' or '='))
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
