using System.Globalization;

namespace OktaEmulator.Tests.RateLimiting;

/// <summary>Fixed, epoch-aligned windows per bucket; exact X-Rate-Limit-* headers; 429 E0000047; refused requests not applied.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    /// <summary>A multiple of 60 (and of 10), so window arithmetic in the tests is plain.</summary>
    private static readonly DateTimeOffset WindowStart = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private readonly TestClock _clock = new();
    private OktaOrgEmulator _emulator = null!;
    private OrgApi _api = null!;

    public async Task InitializeAsync()
    {
        _clock.Set(WindowStart.AddSeconds(10));
        var options = new EmulatorOptions { Clock = () => _clock.Now };
        options.RateLimits["apps"] = new RateLimitRule { Limit = 3, WindowSeconds = 60 };
        _emulator = await OktaOrgEmulator.StartAsync(options);
        _api = new OrgApi(_emulator, _clock);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _emulator.DisposeAsync();
    }

    private static (int Limit, int Remaining, long Reset) Headers(HttpResponseMessage r) => (
        int.Parse(Expect.Header(r, "X-Rate-Limit-Limit"), CultureInfo.InvariantCulture),
        int.Parse(Expect.Header(r, "X-Rate-Limit-Remaining"), CultureInfo.InvariantCulture),
        long.Parse(Expect.Header(r, "X-Rate-Limit-Reset"), CultureInfo.InvariantCulture));

    [Fact]
    public async Task Headers_count_down_then_429_E0000047_until_the_window_ends()
    {
        var reset = WindowStart.AddSeconds(60).ToUnixTimeSeconds();
        for (var remaining = 2; remaining >= 0; remaining--)
        {
            using var ok = await _api.GetAsync("/api/v1/apps");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((3, remaining, reset), Headers(ok));
        }

        using var limited = await _api.GetAsync("/api/v1/apps");
        var body = await Expect.OktaErrorAsync(limited, HttpStatusCode.TooManyRequests, "E0000047");
        Assert.Equal("API call exceeded rate limit due to too many requests.", body["errorSummary"]!.GetValue<string>());
        Assert.Empty(body["errorCauses"]!.AsArray());
        Assert.Equal((3, 0, reset), Headers(limited));
        Assert.Equal(1, _emulator.Stats.Count429);

        _clock.Set(DateTimeOffset.FromUnixTimeSeconds(reset));
        using var next = await _api.GetAsync("/api/v1/apps");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal((3, 2, reset + 60), Headers(next));
    }

    [Fact]
    public async Task Date_header_is_the_org_clock_so_reset_minus_date_is_the_wait()
    {
        using var response = await _api.GetAsync("/api/v1/apps");
        Assert.Equal(_clock.Now.ToUnixTimeSeconds(), response.Headers.Date!.Value.ToUnixTimeSeconds());
        Assert.Equal(50, Headers(response).Reset - response.Headers.Date!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Rate_limited_request_is_not_applied()
    {
        for (var i = 0; i < 3; i++)
        {
            using var ok = await _api.GetAsync("/api/v1/apps");
        }

        using var limited = await _api.PostAsync("/api/v1/apps", OrgApi.ServiceAppBody("never", false, TestKeys.PublicJwk(TestKeys.Rsa(0))));
        await Expect.OktaErrorAsync(limited, HttpStatusCode.TooManyRequests, "E0000047");
        Assert.Empty(_emulator.State.Clients);
    }

    [Fact]
    public async Task Buckets_are_independent_and_unconfigured_ones_are_effectively_unlimited()
    {
        for (var i = 0; i < 4; i++)
        {
            using var apps = await _api.GetAsync("/api/v1/apps");
        }

        using var users = await _api.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(10000, Headers(users).Limit);
        using var clients = await _api.GetAsync("/oauth2/v1/clients");
        Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
    }

    [Fact]
    public async Task Windows_align_to_multiples_of_window_seconds()
    {
        _emulator.Configure(o => o.RateLimits["default"] = new RateLimitRule { Limit = 5, WindowSeconds = 7 });
        using var response = await _api.GetAsync("/api/v1/users");
        var reset = Headers(response).Reset;
        Assert.Equal(0, reset % 7);
        Assert.InRange(reset - _clock.Now.ToUnixTimeSeconds(), 1, 7);
    }

    [Fact]
    public async Task Configure_changes_limits_at_run_time_and_timestamps_show_the_burst()
    {
        _emulator.Configure(o => o.RateLimits["clients"] = new RateLimitRule { Limit = 1, WindowSeconds = 10 });
        using var first = await _api.GetAsync("/oauth2/v1/clients");
        using var second = await _api.GetAsync("/oauth2/v1/clients");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await Expect.OktaErrorAsync(second, HttpStatusCode.TooManyRequests, "E0000047");
        Assert.Equal(2, _emulator.Stats.RequestTimestamps("clients").Count);
        Assert.All(_emulator.Stats.RequestTimestamps("clients"), t => Assert.Equal(_clock.Now, t));
    }
}
