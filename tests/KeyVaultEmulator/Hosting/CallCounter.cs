using KeyVaultEmulator.Control;
using KeyVaultEmulator.Identity;
using KeyVaultEmulator.Vault;

namespace KeyVaultEmulator.Hosting;

/// <summary>Counts every vault and identity call with the status it was answered; control calls are not counted.</summary>
internal sealed class CallCounter
{
    private readonly RequestDelegate _next;
    private readonly VaultRuntime _vault;

    public CallCounter(RequestDelegate next, VaultRuntime vault)
    {
        _next = next;
        _vault = vault;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var route = RouteOf(context.Request);
        try
        {
            await _next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // Keep stdout clean for process mode: bugs go to stderr, the client gets a 500 in Key Vault's shape.
            await Console.Error.WriteLineAsync($"keyvault-emulator: {context.Request.Method} {context.Request.Path}: {ex}");
            context.Response.Clear();
            await VaultErrors.Error(StatusCodes.Status500InternalServerError, "InternalServerError", "Internal server error.").ExecuteAsync(context);
        }
        finally
        {
            if (route is not null)
            {
                _vault.Stats.Record(route, context.Response.StatusCode);
            }
        }
    }

    private static string? RouteOf(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.StartsWith(ControlEndpoints.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (path == IdentityEndpoints.IdentityPath)
        {
            return VaultStats.Routes.Identity;
        }

        if (path == IdentityEndpoints.ImdsPath)
        {
            return VaultStats.Routes.Imds;
        }

        if (path.StartsWith("/keys/", StringComparison.Ordinal))
        {
            return HttpMethods.IsPost(request.Method) && path.EndsWith("/sign", StringComparison.Ordinal)
                ? VaultStats.Routes.Sign
                : VaultStats.Routes.GetKey;
        }

        return "other";
    }
}
