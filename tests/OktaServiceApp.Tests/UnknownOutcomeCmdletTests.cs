using OktaEmulator;
using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>
/// Grant-OktaScope and Add-OktaServiceAppKey against an org that applies the write and then answers 500 or drops the
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
