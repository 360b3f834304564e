using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

public sealed class SeedPipelineTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SeedPipelineTests(EmulatorFixture fixture) => _fixture = fixture;

    [Fact]
    public void Pipeline_AsTyped_RegistersPublicOnlyAppWithBothGrants()
    {
        using var host = new PowerShellHost(_fixture.Emulator);

        var grants = host.Invoke("New-OktaJwks | New-OktaServiceApp -Name reporting | Grant-OktaScope okta.users.read, okta.groups.read")
            .AssertNoErrors().Objects<OktaScopeGrant>().ToList();

        Assert.Equal(new[] { "okta.users.read", "okta.groups.read" }, grants.Select(g => g.ScopeId));
        var clientId = Assert.Single(grants.Select(g => g.ClientId).Distinct());
        var client = _fixture.Emulator.State.FindClient(clientId)!;
        Assert.Equal("reporting", client.ClientName);
        var key = Assert.Single(client.Keys);
        foreach (var member in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            Assert.False(key.ContainsKey(member), $"private member {member} reached Okta");
        }

        Assert.Equal(2, _fixture.Emulator.State.GrantsFor(clientId).Count(g => g.Status == "ACTIVE"));
    }

    [Fact]
    public void Grant_Repeated_PostsNothingAndWritesNoError()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var app = host.Invoke("New-OktaServiceApp -Name repeat | Grant-OktaScope okta.users.read -PassThru")
            .AssertNoErrors().Objects<PowerShell.OktaServiceApp>().Single();
        var postsBefore = _fixture.Emulator.Stats.RouteCount("POST /api/v1/apps/{appId}/grants");

        var again = host.Invoke("param($id) Grant-OktaScope -ClientId $id -Scope okta.users.read -Verbose", ("id", app.ClientId))
            .AssertNoErrors();

        Assert.Single(again.Objects<OktaScopeGrant>());
        Assert.Equal(postsBefore, _fixture.Emulator.Stats.RouteCount("POST /api/v1/apps/{appId}/grants"));
        Assert.Contains(again.Verbose, v => v.Contains("already granted", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_SendsNoRequest()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var before = _fixture.Emulator.Stats.TotalRequests;

        host.Invoke("New-OktaJwks | New-OktaServiceApp -Name whatif -WhatIf; Grant-OktaScope -ClientId 0oaNOPE -Scope okta.users.read -WhatIf")
            .AssertNoErrors();

        Assert.Equal(before, _fixture.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public void Grant_OneUnknownClientAmongThree_GrantsTheOthersAndWritesOneError()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var ids = host.Invoke("1..2 | ForEach-Object { (New-OktaServiceApp -Name \"three-$_\").ClientId }").AssertNoErrors()
            .Output.Select(o => (string)o.BaseObject).ToList();

        var result = host.Invoke("param($a, $b) $a, '0oaUNKNOWNCLIENT00', $b | Grant-OktaScope okta.apps.read",
            ("a", ids[0]), ("b", ids[1]));

        Assert.Equal(ids, result.Objects<OktaScopeGrant>().Select(g => g.ClientId));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ObjectNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("0oaUNKNOWNCLIENT00", error.TargetObject);
    }
}
