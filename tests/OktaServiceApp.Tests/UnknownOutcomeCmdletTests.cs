using OktaEmulator;
using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>
/// Grant-OktaScope, Add-OktaServiceAppKey, a custom role assignment and a rate-limit share against an org that applies the write and then answers 500 or drops the
/// connection: one object, no error record, and one read more than a run without the fault.
/// </summary>
public sealed class UnknownOutcomeCmdletTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public UnknownOutcomeCmdletTests(EmulatorFixture fixture) => _fixture = fixture;

    private OktaOrgEmulator Org => _fixture.Emulator;

    [Theory]
    [InlineData(AppliedFaultKind.ServerError500)]
    [InlineData(AppliedFaultKind.Drop)]
    public void Grant_OktaScope_grants_once_and_reports_no_error(AppliedFaultKind fault)
    {
        using var host = new PowerShellHost(Org);
        var clientId = (string)host.Invoke($"(New-OktaServiceApp -Name grant-{fault}).ClientId").AssertNoErrors().Output.Single().BaseObject;
        FailNextWrite(fault, $"/api/v1/apps/{clientId}/grants");

        var result = host.Invoke("param($id) Grant-OktaScope -ClientId $id -Scope okta.users.read -Confirm:$false", ("id", clientId))
            .AssertNoErrors();

        var grant = Assert.Single(result.Objects<OktaScopeGrant>());
        Assert.Equal(grant.Id, Assert.Single(Org.State.GrantsFor(clientId)).Id);
        // Without the fault: the plan's read and the POST. The fault adds one read, the look.
        AssertRequests(fault, ("GET /api/v1/apps/{appId}/grants", 2), ("POST /api/v1/apps/{appId}/grants", 1));
    }

    [Theory]
    [InlineData(AppliedFaultKind.ServerError500)]
    [InlineData(AppliedFaultKind.Drop)]
    public void Add_OktaServiceAppKey_adds_once_and_reports_no_error(AppliedFaultKind fault)
    {
        using var host = new PowerShellHost(Org);
        var clientId = (string)host.Invoke($"(New-OktaServiceApp -Name key-{fault}).ClientId").AssertNoErrors().Output.Single().BaseObject;
        var kid = (string)host.Invoke("$global:second = New-OktaJwks -Algorithm ES256; $second.KeyId").AssertNoErrors().Output.Single().BaseObject;
        FailNextWrite(fault, $"/api/v1/apps/{clientId}/credentials/jwks");

        var result = host.Invoke("param($id) $second | Add-OktaServiceAppKey -ClientId $id -Confirm:$false", ("id", clientId))
            .AssertNoErrors();

        Assert.Equal(kid, Assert.Single(result.Objects<OktaServiceAppKey>()).KeyId);
        var kids = Org.State.FindClient(clientId)!.Keys.Select(k => k["kid"]?.GetValue<string>()).ToList();
        Assert.Equal(2, kids.Count);
        Assert.Single(kids, k => k == kid);
        AssertRequests(fault, ("GET /api/v1/apps/{appId}/credentials/jwks", 1), ("POST /api/v1/apps/{appId}/credentials/jwks", 1));
    }

    [Theory]
    [InlineData(AppliedFaultKind.ServerError500)]
    [InlineData(AppliedFaultKind.Drop)]
    public void Add_OktaServiceAppRole_assigns_a_custom_role_once_and_reports_no_error(AppliedFaultKind fault)
    {
        using var host = new PowerShellHost(Org);
        var clientId = (string)host.Invoke($$"""
            $group = Invoke-OktaApi -Method POST -Path /api/v1/groups -Body @{ profile = @{ name = 'uo-{{fault}}' } }
            $org = (Get-OktaConnection).OrgUrl
            $null = Invoke-OktaApi -Method POST -Path /api/v1/iam/roles -Body @{ label = 'UoReader-{{fault}}'; description = 'Reads users'; permissions = @('okta.users.read') }
            $null = Invoke-OktaApi -Method POST -Path /api/v1/iam/resource-sets -Body @{ label = 'UoSet-{{fault}}'; description = 'Users'; resources = @("$org/api/v1/groups/$($group.id)/users") }
            (New-OktaServiceApp -Name role-{{fault}}).ClientId
            """).AssertNoErrors().Output.Single().BaseObject;
        FailNextWrite(fault, $"/oauth2/v1/clients/{clientId}/roles");

        var result = host.Invoke($"Add-OktaServiceAppRole -ClientId {clientId} -CustomRole UoReader-{fault} -ResourceSet UoSet-{fault} -Confirm:$false")
            .AssertNoErrors();

        var role = Assert.Single(result.Objects<OktaServiceAppRole>());
        Assert.Equal(role.Id, Assert.Single(Org.State.RolesFor(clientId)).Id);
        Assert.Equal(1, Org.Stats.RouteCounts["POST /oauth2/v1/clients/{clientId}/roles"]);
        Assert.Equal(1, Org.Stats.FaultCount(fault == AppliedFaultKind.Drop ? "DropAfterApply" : "ServerError500AfterApply"));
        Org.Configure(o => o.Faults = new FaultOptions());
    }

    [Theory]
    [InlineData(AppliedFaultKind.ServerError500)]
    [InlineData(AppliedFaultKind.Drop)]
    public void Set_OktaServiceAppRateLimit_creates_the_share_once_and_reports_no_error(AppliedFaultKind fault)
    {
        using var host = new PowerShellHost(Org);
        var clientId = (string)host.Invoke($"(New-OktaServiceApp -Name share-{fault}).ClientId").AssertNoErrors().Output.Single().BaseObject;
        FailNextWrite(fault, "/api/v1/principal-rate-limits");

        var result = host.Invoke($"Set-OktaServiceAppRateLimit -ClientId {clientId} -Percent 30 -Confirm:$false").AssertNoErrors();

        Assert.Equal(30, Assert.Single(result.Objects<OktaServiceAppRateLimit>()).Percent);
        Assert.Equal(30, Org.State.RateLimitFor(clientId)!.DefaultPercentage);
        Assert.Equal(1, Org.Stats.RouteCounts["POST /api/v1/principal-rate-limits"]);
        Assert.False(Org.Stats.RouteCounts.ContainsKey("PUT /api/v1/principal-rate-limits/{principalRateLimitId}"),
            "the interrupted POST wrote the share asked for: nothing to replace");
        Assert.Equal(1, Org.Stats.FaultCount(fault == AppliedFaultKind.Drop ? "DropAfterApply" : "ServerError500AfterApply"));
        Org.Configure(o => o.Faults = new FaultOptions());
    }

    private void FailNextWrite(AppliedFaultKind kind, string path)
    {
        Org.Configure(o => o.Faults = new FaultOptions
        {
            AfterApply = { new AppliedFault { Kind = kind, Method = "POST", PathPrefix = path, Count = 1 } },
        });
        Org.Stats.Reset();
    }

    private void AssertRequests(AppliedFaultKind fault, params (string Route, long Count)[] expected)
    {
        Assert.Equal(1, Org.Stats.FaultCount(fault == AppliedFaultKind.Drop ? "DropAfterApply" : "ServerError500AfterApply"));
        Assert.Equal(
            expected.OrderBy(e => e.Route, StringComparer.Ordinal).Select(e => $"{e.Route}={e.Count}"),
            Org.Stats.RouteCounts.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));
        Org.Configure(o => o.Faults = new FaultOptions());
    }
}
