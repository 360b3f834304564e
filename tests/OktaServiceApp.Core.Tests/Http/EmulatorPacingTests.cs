using OktaEmulator;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>Pacing and fault handling against the Okta org emulator's real rate limiter and fault injector.</summary>
public sealed class EmulatorPacingTests : IAsyncLifetime
{
    private OktaOrgEmulator _org = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { Seed = 42 };
        options.RateLimits["apps"] = new RateLimitRule { Limit = 10, WindowSeconds = 1 };
        _org = await OktaOrgEmulator.StartAsync(options);
    }

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private OktaClient Client(int concurrency) =>
        new(new OktaClientOptions(OrgUrl.Parse(_org.OrgUrlString)) { MaxConcurrency = concurrency, RequestTimeout = TimeSpan.FromSeconds(10) },
            new SswsCredentials(_org.ApiToken)) { FaultBackoffBase = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task Pacing_BulkGetsStayUnderTheEmulatorLimit()
    {
        using var client = Client(concurrency: 4);

        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ =>
            client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps?limit=1") { RetryFaults = true }, CancellationToken.None)));

        Assert.Equal(0, _org.Stats.Count429);
        Assert.Equal(25, _org.Stats.RouteCount("GET /api/v1/apps"));
        // 25 requests at 10 per 1-second window: held for at least two window changes, never more than 10 in one (the
        // emulator's clock counts, not a stopwatch).
        var windows = _org.Stats.RequestTimestamps("apps").GroupBy(t => t.ToUnixTimeSeconds()).Select(g => g.Count()).ToList();
        Assert.True(windows.Count >= 3, $"{windows.Count} windows");
        Assert.True(windows.Max() <= 10, $"{windows.Max()} requests in one window");
        Assert.True(client.Statistics.PacingWaits > 0);
    }

    [Fact]
    public async Task Faults_GetsSurviveInjected503sAndDrops()
    {
        _org.Configure(o =>
        {
            o.RateLimits.Clear();
            o.Faults = new FaultOptions { ServiceUnavailable503 = 0.2, Drop = 0.1, PathPrefixes = new[] { "/api/v1/users" } };
        });
        using var client = Client(concurrency: 1);

        for (var i = 0; i < 15; i++)
        {
            await client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/users?limit=1") { RetryFaults = true }, CancellationToken.None);
        }

        Assert.True(client.Statistics.Faults > 0, $"{client.Statistics} / {_org.Stats.ToJson()}");
        Assert.Equal(client.Statistics.Faults, _org.Stats.FaultCount("ServiceUnavailable503") + _org.Stats.FaultCount("Drop"));
    }
}
