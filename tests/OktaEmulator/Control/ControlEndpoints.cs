using System.Net;
using System.Text.Json.Nodes;
using OktaEmulator.Hosting;
using OktaEmulator.Http;

namespace OktaEmulator.Control;

/// <summary>
/// /__emulator/*: lets another process (Pester) read stats and state, reconfigure and reset the org.
/// No auth, loopback callers only, never counted, rate-limited or faulted (the pipeline skips this prefix).
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        var control = routes.MapGroup(ApiPipeline.ControlPrefix).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? await next(context)
                : ApiResponse.OktaError(StatusCodes.Status403Forbidden, "E0000006", "You don't have permission to perform the requested action."));

        control.MapGet("/stats", () => ApiResponse.Ok(org.Stats.ToJson()));
        control.MapPost("/stats/reset", () =>
        {
            org.Stats.Reset();
            return ApiResponse.NoContent();
        });
        control.MapGet("/state", () => ApiResponse.Ok(org.State.ToJson()));
        control.MapPut("/config", async (HttpRequest request) =>
        {
            var body = await JsonBody.ReadObjectAsync(request);
            if (body is null)
            {
                return ApiResponse.MalformedBody();
            }

            var change = EmulatorConfigBody.Parse(body, out var error);
            if (change is null)
            {
                return ApiResponse.ValidationFailed("config", error);
            }

            org.Configure(change);
            return ApiResponse.NoContent();
        });
        control.MapPost("/reset", () =>
        {
            lock (org.Store.Gate)
            {
                org.Store.Clear();
            }

            org.Stats.Reset();
            org.RateLimiter.Reset();
            return ApiResponse.NoContent();
        });
        control.MapGet("/health", () => ApiResponse.Ok(new JsonObject { ["orgUrl"] = org.OrgUrl }));
    }
}
