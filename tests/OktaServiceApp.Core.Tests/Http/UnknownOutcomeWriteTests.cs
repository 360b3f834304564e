using OktaEmulator;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Roles;
using OktaServiceApp.Core.Tests.Support;
using OktaServiceApp.Core.Tokens;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>
/// Every write kind against an org that applies the write and then answers 500 or drops the connection: the object exists
/// exactly once, no error reaches the caller, and exactly one read was added (the look), with no second POST.
/// </summary>
public sealed class UnknownOutcomeWriteTests : EmulatorOrgTests
{
    public static TheoryData<AppliedFaultKind> Faults => new() { AppliedFaultKind.ServerError500, AppliedFaultKind.Drop };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task App_via_dcr_is_created_once(AppliedFaultKind fault)
    {
        using var admin = Admin();
        using var key = SigningKey.Generate("ES256");
        FailNextWrite(fault, "POST", "/oauth2/v1/clients");

        var app = await new ServiceAppClient(admin).CreateAsync(
            new ServiceAppSpec { Name = "dcr-once", Keys = new[] { key.ToPublicJwk() } }, CancellationToken.None);

        Assert.Equal(app.ClientId, Assert.Single(Org.State.Clients).ClientId);
        AssertRequests(fault, ("POST /oauth2/v1/clients", 1), ("GET /oauth2/v1/clients", 1));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task App_via_apps_api_is_created_once(AppliedFaultKind fault)
    {
        using var admin = Admin();
        using var key = SigningKey.Generate("ES256");
        FailNextWrite(fault, "POST", "/api/v1/apps");

        var app = await new ServiceAppClient(admin).CreateAsync(
            new ServiceAppSpec { Name = "apps-api-once", Keys = new[] { key.ToPublicJwk() }, RequireDpop = true }, CancellationToken.None);

        var created = Assert.Single(Org.State.Clients);
        Assert.Equal(app.ClientId, created.ClientId);
        Assert.True(created.DpopBound);
        AssertRequests(fault, ("POST /api/v1/apps", 1), ("GET /api/v1/apps", 1));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Grant_is_made_once(AppliedFaultKind fault)
    {
        using var admin = Admin();
        var clientId = await NewAppAsync(admin);
        FailNextWrite(fault, "POST", $"/api/v1/apps/{clientId}/grants");

        var grant = await new GrantClient(admin).GrantAsync(clientId, "okta.users.read", Org.OrgUrlString, CancellationToken.None);

        Assert.Equal(grant.Id, Assert.Single(Org.State.GrantsFor(clientId)).Id);
        AssertRequests(fault, ("POST /api/v1/apps/{appId}/grants", 1), ("GET /api/v1/apps/{appId}/grants", 1));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Role_is_assigned_once(AppliedFaultKind fault)
    {
        using var admin = Admin();
        var clientId = await NewAppAsync(admin);
        FailNextWrite(fault, "POST", $"/oauth2/v1/clients/{clientId}/roles");

        var role = await new RoleClient(admin).AssignAsync(clientId, "READ_ONLY_ADMIN", CancellationToken.None);

        var assigned = Assert.Single(Org.State.RolesFor(clientId));
        Assert.Equal((role.Id, "READ_ONLY_ADMIN"), (assigned.Id, assigned.Type));
        AssertRequests(fault, ("POST /oauth2/v1/clients/{clientId}/roles", 1), ("GET /oauth2/v1/clients/{clientId}/roles", 1));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Key_is_added_once(AppliedFaultKind fault)
    {
        using var admin = Admin();
        var clientId = await NewAppAsync(admin);
        using var newKey = SigningKey.Generate("ES256");
        FailNextWrite(fault, "POST", $"/api/v1/apps/{clientId}/credentials/jwks");

        var added = await new AppKeyClient(admin).AddAsync(clientId, newKey.ToPublicJwk(), active: true, CancellationToken.None);

        Assert.Equal(newKey.KeyId, added.KeyId);
        Assert.Single(KeysOf(clientId), kid => kid == newKey.KeyId);
        Assert.Equal(2, KeysOf(clientId).Count);
        AssertRequests(fault, ("POST /api/v1/apps/{appId}/credentials/jwks", 1), ("GET /api/v1/apps/{appId}/credentials/jwks", 1));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Rotation_adds_the_new_key_once_and_proves_it(AppliedFaultKind fault)
    {
        using var admin = Admin();
        var clientId = await NewAppAsync(admin);
        await new GrantClient(admin).GrantAsync(clientId, "okta.users.read", Org.OrgUrlString, CancellationToken.None);
        using var newKey = SigningKey.Generate("ES256");
        FailNextWrite(fault, "POST", $"/api/v1/apps/{clientId}/credentials/jwks");

        var added = await new KeyRotation(admin, new TokenClient(Options(), Registry))
            .AddAndProveAsync(clientId, newKey, "okta.users.read", CancellationToken.None);

        Assert.Equal("ACTIVE", added.Status);
        Assert.Single(KeysOf(clientId), kid => kid == newKey.KeyId);
        // A rotation without faults is the POST and the proof token; the fault adds the one look.
        AssertRequests(fault, ("POST /api/v1/apps/{appId}/credentials/jwks", 1), ("POST /oauth2/v1/token", 1),
            ("GET /api/v1/apps/{appId}/credentials/jwks", 1));
    }

    private OktaClient Admin() =>
        new(Options(), new SswsCredentials(Org.ApiToken)) { FaultBackoffBase = TimeSpan.FromMilliseconds(10) };

    private async Task<string> NewAppAsync(OktaClient admin)
    {
        using var key = SigningKey.Generate("ES256");
        var app = await new ServiceAppClient(admin).CreateAsync(
            new ServiceAppSpec { Name = "unknown-outcome", Keys = new[] { key.ToPublicJwk() } }, CancellationToken.None);
        return app.ClientId;
    }

    private List<string?> KeysOf(string clientId) =>
        Org.State.FindClient(clientId)!.Keys.Select(k => k["kid"]?.GetValue<string>()).ToList();

    /// <summary>Fails the next write of that method and path after applying it; the stats start from here.</summary>
    private void FailNextWrite(AppliedFaultKind kind, string method, string path)
    {
        Org.Configure(o => o.Faults = new FaultOptions
        {
            AfterApply = { new AppliedFault { Kind = kind, Method = method, PathPrefix = path, Count = 1 } },
        });
        Org.Stats.Reset();
    }

    /// <summary>Exactly these routes and counts reached the org since <see cref="FailNextWrite"/>, and the fault was played.</summary>
    private void AssertRequests(AppliedFaultKind fault, params (string Route, long Count)[] expected)
    {
        Assert.Equal(1, Org.Stats.FaultCount(fault == AppliedFaultKind.Drop ? "DropAfterApply" : "ServerError500AfterApply"));
        Assert.Equal(
            expected.OrderBy(e => e.Route, StringComparer.Ordinal).Select(e => $"{e.Route}={e.Count}"),
            Org.Stats.RouteCounts.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));
    }
}
