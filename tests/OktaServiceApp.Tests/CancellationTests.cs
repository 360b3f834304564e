using System.Diagnostics;
using System.Management.Automation;
using OktaEmulator;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>Scenario R5: Ctrl+C during a long rate-limit wait stops at once and writes no error.</summary>
public sealed class CancellationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public CancellationTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void Stop_DuringRateLimitWait_ReturnsWithinTwoSeconds()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var clientId = host.Invoke("(New-OktaServiceApp -Name stop-me).ClientId").AssertNoErrors().Output.Single().BaseObject;
        // One request per minute: the grant pipeline spends its budget at once and must then wait most of a minute.
        _fixture.Emulator.Configure(o => o.RateLimits["apps"] = new RateLimitRule { Limit = 1, WindowSeconds = 60 });
        try
        {
            using var ps = host.Begin($"Grant-OktaScope -ClientId '{clientId}' -Scope okta.users.read, okta.apps.read, okta.groups.read");
            WaitUntil(() => _fixture.Emulator.Stats.RouteCount("GET /api/v1/apps/{appId}/grants") > 0, TimeSpan.FromSeconds(10));
            Thread.Sleep(500);
            Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State);

            var watch = Stopwatch.StartNew();
            ps.Stop();
            watch.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Stop took {watch.Elapsed.TotalSeconds:0.00} s");
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Empty(ps.Streams.Error);
        }
        finally
        {
            _fixture.Emulator.Configure(o => o.RateLimits.Remove("apps"));
        }
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, "timed out waiting for the pipeline to start");
            Thread.Sleep(20);
        }
    }
}
