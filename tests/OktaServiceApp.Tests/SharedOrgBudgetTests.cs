using OktaEmulator;
using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;
using Xunit.Abstractions;

namespace OktaServiceApp.Tests;

/// <summary>
/// Okta limits per org, not per connection: runspaces that each connect to the same org (ForEach-Object -Parallel, a
/// runspace pool) must spend one budget together, through the module's one registry.
/// </summary>
public sealed class SharedOrgBudgetTests : IClassFixture<EmulatorFixture>
{
    private const int Runspaces = 4;
    private const int Limit = 10;
    private const int WindowSeconds = 2;
    private static readonly string[] s_scopes =
        { "okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read", "okta.roles.read", "okta.policies.read" };

    private readonly EmulatorFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SharedOrgBudgetTests(EmulatorFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public void FourRunspacesGrantingToOneOrg_MeetNoMore429sThanOneRunspace_AndGrantEachScopeOnce()
    {
        var emulator = _fixture.Emulator;
        var hosts = Enumerable.Range(0, Runspaces).Select(_ => new PowerShellHost(emulator)).ToList();
        try
        {
            var apps = hosts.Select((h, i) => h.Invoke($"(New-OktaServiceApp -Name 'budget-{i}').ClientId").AssertNoErrors()
                .Output.Select(o => (string)o.BaseObject).Single()).ToList();
            var alone = hosts[0].Invoke("1..4 | ForEach-Object { (New-OktaServiceApp -Name \"budget-alone-$_\").ClientId }")
                .AssertNoErrors().Output.Select(o => (string)o.BaseObject).ToList();
            emulator.Configure(o => o.RateLimits["apps"] = new RateLimitRule { Limit = Limit, WindowSeconds = WindowSeconds });

            // One runspace doing the work of all four, one app after another.
            emulator.Stats.Reset();
            var single = hosts[0].Invoke("param($ids, $scopes) $ids | ForEach-Object { Grant-OktaScope -ClientId $_ -Scope $scopes }",
                ("ids", alone), ("scopes", s_scopes));
            single.AssertNoErrors();
            var single429 = emulator.Stats.Count429;
            var singleRequests = emulator.Stats.RequestTimestamps("apps").Count;

            // Four runspaces at once, each with its own connection to the same org.
            emulator.Stats.Reset();
            var results = new PowerShellHost.Result[Runspaces];
            Parallel.For(0, Runspaces, new ParallelOptions { MaxDegreeOfParallelism = Runspaces }, i =>
                results[i] = hosts[i].Invoke("param($id, $scopes) Grant-OktaScope -ClientId $id -Scope $scopes",
                    ("id", apps[i]), ("scopes", s_scopes)));
            var parallel429 = emulator.Stats.Count429;
            var parallelRequests = emulator.Stats.RequestTimestamps("apps").Count;
            _output.WriteLine($"one runspace: {singleRequests} requests, {single429} answers of 429; " +
                              $"{Runspaces} runspaces: {parallelRequests} requests, {parallel429} answers of 429");

            foreach (var result in results)
            {
                result.AssertNoErrors();
                Assert.Equal(s_scopes.Length, result.Objects<OktaScopeGrant>().Count());
            }

            foreach (var id in apps)
            {
                var active = emulator.State.GrantsFor(id).Where(g => g.Status == "ACTIVE").Select(g => g.ScopeId).ToList();
                Assert.Equal(s_scopes.OrderBy(s => s), active.OrderBy(s => s));
            }

            Assert.True(parallel429 <= single429,
                $"{Runspaces} runspaces met {parallel429} answers of 429 where one runspace met {single429}");
        }
        finally
        {
            emulator.Configure(o => o.RateLimits.Clear());
            hosts.ForEach(h => h.Dispose());
        }
    }
}
