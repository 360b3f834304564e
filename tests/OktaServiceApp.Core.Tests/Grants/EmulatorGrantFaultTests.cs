using OktaEmulator;
using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Grants;

public sealed class EmulatorGrantFaultTests : IAsyncLifetime
{
    private OktaOrgEmulator _org = null!;

    public async Task InitializeAsync() => _org = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Seed = 42 });

    public async Task DisposeAsync() => await _org.DisposeAsync();

    [Fact]
    public async Task Grant_DroppedAndFailedPostsStillLeaveExactlyOneGrantPerScope()
    {
        using var key = SigningKey.Generate("ES256");
        using var admin = new OktaClient(
            new OktaClientOptions(OrgUrl.Parse(_org.OrgUrlString)) { RequestTimeout = TimeSpan.FromSeconds(10), MaxRetries = 6 },
            new SswsCredentials(_org.ApiToken)) { FaultBackoffBase = TimeSpan.FromMilliseconds(10) };
        var app = await new ServiceAppClient(admin).CreateAsync(
            new ServiceAppSpec { Name = "svc-faults", Keys = new[] { key.ToPublicJwk() } }, CancellationToken.None);
        _org.Configure(o => o.Faults = new FaultOptions
        {
            ServerError500 = 0.15,
            Drop = 0.15,
            Truncate = 0.1,
            PathPrefixes = new[] { "/api/v1/apps/" },
        });
        var grants = new GrantClient(admin);
        var scopes = new[] { "okta.users.read", "okta.apps.read", "okta.groups.read", "okta.logs.read", "okta.roles.read" };

        foreach (var scope in scopes)
        {
            await grants.GrantAsync(app.ClientId, scope, OrgUrl.ToIssuer(admin.OrgUrl), CancellationToken.None);
        }

        _org.Configure(o => o.Faults = new FaultOptions());
        var active = _org.State.GrantsFor(app.ClientId).Where(g => g.Status == "ACTIVE").Select(g => g.ScopeId).ToList();
        Assert.Equal(scopes.OrderBy(s => s), active.OrderBy(s => s));
        Assert.True(_org.Stats.FaultCounts.Values.Sum() > 0);
    }
}
