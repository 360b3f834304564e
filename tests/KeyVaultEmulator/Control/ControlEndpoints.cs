using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyVaultEmulator.Hosting;
using KeyVaultEmulator.Vault;

namespace KeyVaultEmulator.Control;

/// <summary>
/// /__emulator/*: for tests in another process (Pester). Loopback callers only, no auth, never counted or throttled.
/// POST /keys {name, kty "RSA"|"EC", size, crv, hsm, enabled} creates a key (or a new version) and answers its KeyBundle;
/// PUT /config {role "CryptoUser"|"Reader"|"None", throttle {count, retryAfterSeconds, status}}; GET /stats; GET /tokens (the
/// values issued, for secret-hygiene searches); POST /stats/reset;
/// POST /reset.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/__emulator";

    public static void Map(IEndpointRouteBuilder routes, VaultRuntime vault)
    {
        var control = routes.MapGroup(Prefix).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? await next(context)
                : VaultErrors.Error(StatusCodes.Status403Forbidden, "Forbidden", "Control endpoints answer loopback callers only."));

        control.MapPost("/keys", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            var name = body?["name"]?.GetValue<string>();
            if (body is null || string.IsNullOrWhiteSpace(name))
            {
                return VaultErrors.BadParameter("Give {\"name\":..., \"kty\":\"RSA\"|\"EC\", \"size\":2048, \"crv\":\"P-256\"}.");
            }

            var spec = new KeySpec(
                body["kty"]?.GetValue<string>() ?? "RSA",
                body["size"]?.GetValue<int>() ?? 2048,
                body["crv"]?.GetValue<string>() ?? "P-256",
                body["hsm"]?.GetValue<bool>() ?? false,
                body["enabled"]?.GetValue<bool>() ?? true);
            try
            {
                return Results.Json(vault.CreateKey(name, spec).ToBundle(vault.VaultUrl));
            }
            catch (ArgumentException ex)
            {
                return VaultErrors.BadParameter(ex.Message);
            }
        });

        control.MapPut("/config", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            if (body is null)
            {
                return VaultErrors.BadParameter("The body is not a JSON object.");
            }

            if (body["role"] is { } roleNode)
            {
                if (!Enum.TryParse<VaultRole>(roleNode.GetValue<string>(), ignoreCase: true, out var role))
                {
                    return VaultErrors.BadParameter("role is one of CryptoUser, Reader, None.");
                }

                vault.Role = role;
            }

            if (body["throttle"] is JsonObject throttle)
            {
                var status = throttle["status"]?.GetValue<int>() ?? StatusCodes.Status429TooManyRequests;
                if (status is not (StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable))
                {
                    return VaultErrors.BadParameter("throttle.status is 429 or 503.");
                }

                vault.ThrottleNext(throttle["count"]?.GetValue<int>() ?? 1, throttle["retryAfterSeconds"]?.GetValue<int>() ?? 1, status);
            }

            return Results.NoContent();
        });

        control.MapGet("/stats", () => Results.Json(vault.Stats.ToJson()));
        // The values of every token issued: only secret-hygiene tests read them, to search what a client printed.
        control.MapGet("/tokens", () => Results.Json(new JsonObject
        {
            ["tokens"] = new JsonArray(vault.IssuedTokens().Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        }));
        control.MapPost("/stats/reset", () =>
        {
            vault.Stats.Reset();
            return Results.NoContent();
        });
        control.MapPost("/reset", () =>
        {
            vault.Reset();
            return Results.NoContent();
        });
        control.MapGet("/health", () => Results.Json(new JsonObject
        {
            ["vaultUrl"] = vault.VaultUrl,
            ["tokenLifetimeSeconds"] = ((long)vault.Options.TokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        }));
    }

    private static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
