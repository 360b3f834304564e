using System.Diagnostics;
using OktaEmulator;
using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;
using Xunit.Abstractions;

namespace OktaServiceApp.Tests;

/// <summary>Scenarios R1 and R2: bulk grants and token requests under rate limits, faults and DPoP nonces.</summary>
public sealed class ResilienceTests : IClassFixture<EmulatorFixture>
{
    // A short window keeps the suite fast; the ratio to the theoretical minimum is what matters, not the absolute rate.
    private const int Limit = 10;
    private const int WindowSeconds = 2;
    private const int TokenWindowSeconds = 3;
    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ResilienceTests(EmulatorFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task R1_BulkGrantsUnderRateLimitAndFaults_AllExactlyOnceNoErrorsNoBursts()
    {
        // An org of its own: the module shares what it learns of an org's limits across connections, and the fixture's org
        // has been answering with other limits.
        await using var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Seed = 7 });
        using var host = new PowerShellHost(emulator);
        var scopes = Core.Grants.ScopeCatalog.All.Where(s => s.EndsWith(".read", StringComparison.Ordinal)).Take(20).ToArray();
        emulator.Configure(o => o.Faults = TenPercentFaults());
        List<string> ids;
        try
        {
            ids = host.Invoke("1..3 | ForEach-Object { (New-OktaServiceApp -Name \"r1-app-$_\").ClientId }").AssertNoErrors()
                .Output.Select(o => (string)o.BaseObject).ToList();
            emulator.Configure(o =>
            {
                o.RateLimits["apps"] = new RateLimitRule { Limit = Limit, WindowSeconds = WindowSeconds };
                o.Faults = TenPercentFaults();
            });
            emulator.Stats.Reset();

            var watch = Stopwatch.StartNew();
            var result = host.Invoke("param($ids, $scopes) $ids | Grant-OktaScope -Scope $scopes", ("ids", ids), ("scopes", scopes));
            watch.Stop();

            result.AssertNoErrors();
            Assert.Equal(60, result.Objects<OktaScopeGrant>().Count());
            var received = emulator.Stats.RequestTimestamps("apps");
            var statistics = host.Invoke("Get-OktaConnection").Objects<OktaConnection>().Single().Client.Statistics;
            var minimum = TimeSpan.FromSeconds((double)(received.Count - Limit) / Limit * WindowSeconds);
            _output.WriteLine($"R1: {received.Count} requests in the apps bucket, elapsed {watch.Elapsed.TotalSeconds:0.0} s, " +
                              $"theoretical minimum {minimum.TotalSeconds:0.0} s (ratio {watch.Elapsed.TotalSeconds / minimum.TotalSeconds:0.00}), " +
                              $"429s {emulator.Stats.Count429}, faults {emulator.Stats.FaultCounts.Values.Sum()}, " +
                              $"module retries {statistics.Retries}, pacing waits {statistics.PacingWaits}");

            foreach (var id in ids)
            {
                var active = emulator.State.GrantsFor(id).Where(g => g.Status == "ACTIVE").Select(g => g.ScopeId).ToList();
                Assert.Equal(scopes.OrderBy(s => s), active.OrderBy(s => s));
            }

            Assert.Equal(3, emulator.State.Clients.Count(c => c.ClientName.StartsWith("r1-app-", StringComparison.Ordinal)));
            var busiestWindow = received.GroupBy(t => t.ToUnixTimeSeconds() / WindowSeconds).Max(g => g.Count());
            Assert.True(busiestWindow <= Limit, $"{busiestWindow} requests in one window, limit {Limit}");
            // How close the run comes to the theoretical minimum is a figure of the benchmark (rate-limited bulk), not a
            // timed assertion here: these machines are noisy.
        }
        finally
        {
            emulator.Configure(o =>
            {
                o.RateLimits.Clear();
                o.Faults = new FaultOptions();
            });
        }
    }

    [Fact]
    public void R2_TokenRequestsUnder429AndDpopNonce_NoJtiUsedTwice()
    {
        var emulator = _fixture.Emulator;
        using var host = new PowerShellHost(emulator);
        host.Invoke("$script:app = New-OktaServiceApp -Name r2 -RequireDpop | Grant-OktaScope okta.users.read -PassThru").AssertNoErrors();
        emulator.Configure(o => o.RateLimits["token"] = new RateLimitRule { Limit = 3, WindowSeconds = TokenWindowSeconds });
        try
        {
            // Another tool spends the token bucket first, so the module's first POST meets a 429 it has not seen coming.
            SpendTokenBucket(emulator);
            var spentBefore = emulator.Stats.Count429;
            var tokens = host.Invoke("1..4 | ForEach-Object { $script:app | Get-OktaAccessToken okta.users.read -Force }")
                .AssertNoErrors().Objects<OktaAccessToken>().ToList();

            Assert.Equal(4, tokens.Count);
            Assert.All(tokens, t => Assert.Equal("DPoP", t.TokenType));
            Assert.True(emulator.Stats.Count429 > spentBefore, "the module should have met at least one 429 of its own");
            Assert.Equal(0, emulator.State.AssertionJtiReplays);
            Assert.Equal(0, emulator.State.DpopProofJtiReplays);
        }
        finally
        {
            emulator.Configure(o => o.RateLimits.Clear());
        }
    }

    // Posts until the bucket answers 429, so the current window is spent when the module starts. It begins right after a window
    // opens (windows are aligned to multiples of their length), so the window cannot roll over before the module's first POST.
    private static void SpendTokenBucket(OktaOrgEmulator emulator)
    {
        var now = DateTimeOffset.UtcNow;
        const long window = TokenWindowSeconds * 1000L;
        var windowStart = now.ToUnixTimeMilliseconds() / window * window;
        Thread.Sleep(TimeSpan.FromMilliseconds(windowStart + window + 50 - now.ToUnixTimeMilliseconds()));
        using var http = new HttpClient();
        for (var i = 0; i < 20; i++)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
            using var response = http.PostAsync(emulator.OrgUrlString + "/oauth2/v1/token", content).GetAwaiter().GetResult();
            if ((int)response.StatusCode == 429)
            {
                return;
            }
        }
    }

    private static FaultOptions TenPercentFaults() => new()
    {
        ServerError500 = 0.04,
        ServiceUnavailable503 = 0.03,
        Drop = 0.03,
    };
}
