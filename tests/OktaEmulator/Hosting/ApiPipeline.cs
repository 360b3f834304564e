using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Routing;
using OktaEmulator.Auth;
using OktaEmulator.Faults;
using OktaEmulator.Http;
using OktaEmulator.RateLimiting;

namespace OktaEmulator.Hosting;

/// <summary>
/// What happens to every API request before its handler, in Okta's order: request id and Date, the rate limit
/// (a refused request is not applied), the fault dice (a failed request is not applied either), then authentication.
/// After the handler, a counted after-apply fault (<see cref="AppliedFault"/>) may replace a 2xx answer with a 500 or a drop.
/// Control endpoints under /__emulator/ skip all of it and are not counted.
/// </summary>
internal sealed class ApiPipeline
{
    public const string ControlPrefix = "/__emulator";

    private readonly RequestDelegate _next;
    private readonly OrgRuntime _org;

    public ApiPipeline(RequestDelegate next, OrgRuntime org)
    {
        _next = next;
        _org = org;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ControlPrefix))
        {
            await _next(context);
            return;
        }

        var now = _org.Now();
        var response = context.Response;
        var requestId = OktaIds.RequestId();
        StampHeaders(response, requestId, now);

        var route = RouteName(context);
        var bucket = RateLimitBuckets.For(context.Request.Path);
        _org.Stats.Begin(route, bucket, now);
        var fault = FaultKind.None;
        try
        {
            var limit = _org.RateLimiter.Acquire(bucket, _org.RuleFor(bucket), now);
            response.Headers["X-Rate-Limit-Limit"] = limit.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Rate-Limit-Remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Rate-Limit-Reset"] = limit.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
            if (!limit.Allowed)
            {
                // Okta-style even on /oauth2/v1/token, whose other errors are OAuth-style.
                await ApiResponse.OktaError(StatusCodes.Status429TooManyRequests, "E0000047",
                    "API call exceeded rate limit due to too many requests.").ExecuteAsync(context);
                return;
            }

            var faults = _org.CurrentFaults();
            fault = _org.Faults.Decide(faults, context.Request.Path);
            if (fault != FaultKind.None)
            {
                _org.Stats.RecordFault(fault.ToString());
                if (await InjectAsync(context, fault, faults.SlowDelay))
                {
                    return;
                }
            }

            if (context.GetEndpoint()?.Metadata.GetMetadata<ScopeRequirement>() is { } requirement)
            {
                var refusal = await _org.Authenticator.AuthenticateAsync(context, requirement);
                if (refusal is not null)
                {
                    await refusal.ExecuteAsync(context);
                    return;
                }
            }

            if (_org.IsForbidden(context.Request.Path))
            {
                await ApiResponse.OktaError(StatusCodes.Status403Forbidden, "E0000006",
                    "You do not have permission to perform the requested action").ExecuteAsync(context);
                return;
            }

            if (_org.MayFailAfterApply(context.Request.Method, context.Request.Path))
            {
                fault = await HandleThenFailAsync(context, requestId, now);
            }
            else
            {
                await HandleAsync(context);
            }
        }
        catch (Exception ex) when (!response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // Keep stdout clean for process mode: bugs go to stderr, the client gets Okta's 500.
            await Console.Error.WriteLineAsync($"okta-emulator: {context.Request.Method} {route}: {ex}");
            response.Clear();
            StampHeaders(response, requestId, now);
            await ApiResponse.OktaError(StatusCodes.Status500InternalServerError, "E0000009", "Internal Server Error").ExecuteAsync(context);
        }
        finally
        {
            var aborted = fault is FaultKind.Drop or FaultKind.Truncate or FaultKind.DropAfterApply;
            _org.Stats.End(new RequestRecord(context.Request.Method, route, bucket, aborted ? null : response.StatusCode,
                fault == FaultKind.None ? null : fault.ToString(), now));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        await _next(context);
        await AddMissingErrorBodyAsync(context);
    }

    /// <summary>Runs the handler with its answer held back; a 2xx answer that takes an after-apply fault is replaced by the fault
    /// (the change stays applied), anything else goes out as it was.</summary>
    private async Task<FaultKind> HandleThenFailAsync(HttpContext context, string requestId, DateTimeOffset now)
    {
        var response = context.Response;
        var wire = response.Body;
        using var heldBack = new MemoryStream();
        response.Body = heldBack;
        FaultKind fault;
        try
        {
            await HandleAsync(context);
            fault = response.StatusCode is >= 200 and <= 299
                ? _org.TakeFaultAfterApply(context.Request.Method, context.Request.Path)
                : FaultKind.None;
        }
        finally
        {
            response.Body = wire;
        }

        switch (fault)
        {
            case FaultKind.None:
                heldBack.Position = 0;
                await heldBack.CopyToAsync(wire, context.RequestAborted);
                break;
            case FaultKind.DropAfterApply:
                _org.Stats.RecordFault(fault.ToString());
                context.Abort();
                break;
            default:
                _org.Stats.RecordFault(fault.ToString());
                var limits = RateLimitHeaders.Select(name => (name, response.Headers[name])).ToList();
                response.Clear();
                StampHeaders(response, requestId, now);
                foreach (var (name, value) in limits)
                {
                    response.Headers[name] = value;
                }

                await ApiResponse.OktaError(StatusCodes.Status500InternalServerError, "E0000009", "Internal Server Error").ExecuteAsync(context);
                break;
        }

        return fault;
    }

    private static readonly string[] RateLimitHeaders = ["X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"];

    /// <summary>Date is the org clock, so a client's wait (X-Rate-Limit-Reset − Date) is exact even under a test clock.</summary>
    private static void StampHeaders(HttpResponse response, string requestId, DateTimeOffset now)
    {
        response.Headers["X-Okta-Request-Id"] = requestId;
        response.Headers.Date = now.ToString("r", CultureInfo.InvariantCulture);
    }

    /// <summary>"METHOD /template" for a matched route, "METHOD (unmatched)" otherwise (raw paths would grow the table without bound).</summary>
    private static string RouteName(HttpContext context)
    {
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return context.Request.Method + " " + (template is null ? "(unmatched)" : "/" + template.TrimStart('/'));
    }

    /// <summary>Plays a fault; true when the request is finished (never handled), false for a slow answer that goes on normally.</summary>
    private static async Task<bool> InjectAsync(HttpContext context, FaultKind fault, TimeSpan slowDelay)
    {
        switch (fault)
        {
            case FaultKind.ServerError500:
                await ApiResponse.OktaError(StatusCodes.Status500InternalServerError, "E0000009", "Internal Server Error").ExecuteAsync(context);
                return true;
            case FaultKind.ServiceUnavailable503:
                await ApiResponse.OktaError(StatusCodes.Status503ServiceUnavailable, "E0000010",
                    "Service is temporarily unavailable. Please try again later.").ExecuteAsync(context);
                return true;
            case FaultKind.Drop:
                context.Abort();
                return true;
            case FaultKind.Truncate:
                // Promise more than we send, send half a JSON document, then cut the connection.
                var half = Encoding.UTF8.GetBytes("{\"id\":\"0oa\",\"status\":\"ACT");
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = half.Length * 4;
                await context.Response.Body.WriteAsync(half);
                await context.Response.Body.FlushAsync();
                context.Abort();
                return true;
            case FaultKind.Slow:
                await Task.Delay(slowDelay, context.RequestAborted);
                return false;
            default:
                return false;
        }
    }

    /// <summary>ASP.NET's own 404/405 have no body; Okta's have its error shape.</summary>
    private static async Task AddMissingErrorBodyAsync(HttpContext context)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
        {
            await ApiResponse.NotFound(context.Request.Path.Value ?? "", "Path").ExecuteAsync(context);
        }
        else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await ApiResponse.OktaError(StatusCodes.Status405MethodNotAllowed, "E0000022",
                "The endpoint does not support the provided HTTP method").ExecuteAsync(context);
        }
    }
}
