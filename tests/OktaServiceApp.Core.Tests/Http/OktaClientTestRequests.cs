using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>The requests and server time the OktaClient test classes share (imported with <c>using static</c>).</summary>
internal static class OktaClientTestRequests
{
    /// <summary>The server's Date in rate-limit and pacing tests; resets are given relative to it.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 9, 11, 16, 21, 50, TimeSpan.Zero);

    /// <summary>A GET, retried on faults like every read the cmdlets make.</summary>
    public static OktaRequest Get(string path) => new(HttpMethod.Get, path) { RetryFaults = true };

    /// <summary>A POST with a JSON body; faults are not retried, as its outcome would be unknown.</summary>
    public static OktaRequest Post(string path, object? body = null) => new(HttpMethod.Post, path) { JsonBody = body ?? new { } };
}
