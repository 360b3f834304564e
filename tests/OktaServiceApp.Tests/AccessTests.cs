using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>Least privilege in one command: the runbook, its second run and -WhatIf (writes counted by the emulator), and bad input.</summary>
public sealed class AccessTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public AccessTests(EmulatorFixture fixture) => _fixture = fixture;

    private long Writes => _fixture.Emulator.Stats.Writes;

    /// <summary>An app, a group, a custom role and a resource set over the group's users, made the way an admin would.</summary>
    private static void Setup(PowerShellHost host, string tag)
    {
        host.Invoke($$"""
            $script:app = New-OktaJwks | New-OktaServiceApp -Name runbook-{{tag}}
            $script:group = Invoke-OktaApi -Method POST -Path /api/v1/groups -Body @{ profile = @{ name = 'helpdesk-{{tag}}' } }
            $script:org = (Get-OktaConnection).OrgUrl
            $null = Invoke-OktaApi -Method POST -Path /api/v1/iam/roles -Body @{ label = 'UserReader-{{tag}}'; description = 'Reads users'; permissions = @('okta.users.read') }
            $null = Invoke-OktaApi -Method POST -Path /api/v1/iam/resource-sets -Body @{ label = 'Helpdesk-{{tag}}'; description = 'Helpdesk users'; resources = @("$org/api/v1/groups/$($group.id)/users") }
            """).AssertNoErrors();
    }

    private static string Runbook(string tag, string extra = "") => $$"""
        Set-OktaServiceAppAccess -ClientId $app.ClientId -Scope okta.users.read, okta.groups.read, okta.logs.read `
            -Role GROUP_MEMBERSHIP_ADMIN -GroupTarget $group.id -CustomRole 'UserReader-{{tag}}' -ResourceSet 'Helpdesk-{{tag}}' `
            -RateLimitPercent 30 -Confirm:$false {{extra}}
        """;

    [Fact]
    public void Runbook_SetsTheWholeAccess_ThenASecondRunAndWhatIfSendNoWrite()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        Setup(host, "a");

        var before = Writes;
        var access = host.Invoke(Runbook("a")).AssertNoErrors().Objects<OktaServiceAppAccess>().Single();
        Assert.True(Writes - before >= 7, $"the first run sent {Writes - before} writes");
        Assert.Equal(["okta.groups.read", "okta.logs.read", "okta.users.read"], access.Scope);
        Assert.Contains("GROUP_MEMBERSHIP_ADMIN", access.Role);
        Assert.Contains("CUSTOM UserReader-a on Helpdesk-a", access.Role);
        Assert.Single(access.Target);
        Assert.Equal(30, access.RateLimitPercent);

        var clientId = access.ClientId;
        var roles = _fixture.Emulator.State.RolesFor(clientId);
        Assert.Equal(2, roles.Count);
        Assert.Single(roles.Single(r => r.Type == "GROUP_MEMBERSHIP_ADMIN").GroupTargets);
        Assert.Equal(30, _fixture.Emulator.State.RateLimitFor(clientId)!.DefaultConcurrencyPercentage);

        before = Writes;
        var again = host.Invoke(Runbook("a")).AssertNoErrors().Objects<OktaServiceAppAccess>().Single();
        Assert.Equal(0, Writes - before);
        Assert.Equal(access.Scope, again.Scope);

        before = Writes;
        var whatIf = host.Invoke("Set-OktaServiceAppAccess -ClientId $app.ClientId -Scope okta.users.read -Role READ_ONLY_ADMIN -RateLimitPercent 10 -WhatIf");
        whatIf.AssertNoErrors();
        Assert.Equal(0, Writes - before);
        Assert.Equal(30, _fixture.Emulator.State.RateLimitFor(clientId)!.DefaultPercentage);
    }

    [Fact]
    public void DesiredState_RevokesAndRemovesWhatIsNotAsked_AndAnEmptyTargetListCoversEveryGroupAgain()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        Setup(host, "b");
        host.Invoke(Runbook("b")).AssertNoErrors();

        var access = host.Invoke("Set-OktaServiceAppAccess -ClientId $app.ClientId -Scope okta.users.read -Role GROUP_MEMBERSHIP_ADMIN -GroupTarget @() -Confirm:$false")
            .AssertNoErrors().Objects<OktaServiceAppAccess>().Single();
        Assert.Equal(["okta.users.read"], access.Scope);
        Assert.Equal(["GROUP_MEMBERSHIP_ADMIN"], access.Role);
        Assert.Empty(access.Target);
        Assert.Equal(30, access.RateLimitPercent);
    }

    [Theory]
    [InlineData("-CustomRole NoSuchRole -ResourceSet 'Helpdesk-c'", "OktaCustomRoleNotFound")]
    [InlineData("-CustomRole 'UserReader-c' -ResourceSet $foreignSet", "OktaResourceSetNotFound")]
    [InlineData("-RateLimitPercent 101", "OktaRateLimitPercentInvalid")]
    [InlineData("-RateLimitPercent -1", "OktaRateLimitPercentInvalid")]
    [InlineData("-Role WIZARD_ADMIN", "OktaRoleUnknown")]
    [InlineData("-Role READ_ONLY_ADMIN -GroupTarget $group.id", "OktaRoleTargetNotSupported")]
    [InlineData("-Role USER_ADMIN -GroupTarget 00gNoSuchGroup000000", "OktaGroupNotFound")]
    public async Task BadInput_GetsItsErrorId_AndSendsNoWrite(string parameters, string errorId)
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        Setup(host, "c" + Guid.NewGuid().ToString("N")[..6]);
        host.Invoke("""
            $null = Invoke-OktaApi -Method POST -Path /api/v1/iam/roles -Body @{ label = 'UserReader-c'; description = 'd'; permissions = @('okta.users.read') } -ErrorAction SilentlyContinue
            $null = Invoke-OktaApi -Method POST -Path /api/v1/iam/resource-sets -Body @{ label = 'Helpdesk-c'; description = 'd'; resources = @("$org/api/v1/users") } -ErrorAction SilentlyContinue
            """);
        await using var other = await OktaEmulator.OktaOrgEmulator.StartAsync(new OktaEmulator.EmulatorOptions());
        using var otherHost = new PowerShellHost(other);
        var foreignSet = otherHost.Invoke("(Invoke-OktaApi -Method POST -Path /api/v1/iam/resource-sets -Body @{ label = 'Elsewhere'; description = 'd'; resources = @(\"$((Get-OktaConnection).OrgUrl)/api/v1/users\") }).id")
            .AssertNoErrors().Output.Single().BaseObject;

        var before = Writes;
        var result = host.Invoke($"param($foreignSet) Set-OktaServiceAppAccess -ClientId $app.ClientId -Scope okta.users.read {parameters} -Confirm:$false",
            ("foreignSet", foreignSet));
        Assert.Equal(errorId, Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Empty(result.Objects<OktaServiceAppAccess>());
        Assert.Equal(0, Writes - before);
    }

    [Fact]
    public void AddOktaServiceAppRole_AssignsACustomRoleByLabels_AndAnUnknownLabelSendsNoWrite()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        Setup(host, "d");
        var role = host.Invoke("Add-OktaServiceAppRole -ClientId $app.ClientId -CustomRole UserReader-d -ResourceSet Helpdesk-d -Confirm:$false")
            .AssertNoErrors().Objects<OktaServiceAppRole>().Single();
        Assert.Equal("CUSTOM", role.Role);
        Assert.StartsWith("cr0", role.CustomRoleId);
        Assert.StartsWith("iam", role.ResourceSetId);

        var before = Writes;
        var refused = host.Invoke("Add-OktaServiceAppRole -ClientId $app.ClientId -CustomRole NotThere -ResourceSet Helpdesk-d -Confirm:$false");
        Assert.Equal("OktaCustomRoleNotFound", Assert.Single(refused.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(0, Writes - before);
    }

    [Fact]
    public void RoleTargets_AreAddedListedAndRemoved_AndRefusedOnARoleThatTakesNone()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        Setup(host, "e");
        host.Invoke("""
            $script:role = Add-OktaServiceAppRole -ClientId $app.ClientId -Role USER_ADMIN -Confirm:$false
            $script:second = Invoke-OktaApi -Method POST -Path /api/v1/groups -Body @{ profile = @{ name = 'second-e' } }
            $null = $role | Add-OktaServiceAppRoleTarget -Group $group.id, $second.id -Confirm:$false
            $null = $role | Remove-OktaServiceAppRoleTarget -Group $group.id -Confirm:$false
            """).AssertNoErrors();
        var targets = host.Invoke("$role | Get-OktaServiceAppRoleTarget").AssertNoErrors().Objects<OktaServiceAppRoleTarget>().ToList();
        Assert.Equal("second-e", Assert.Single(targets).Name);

        var before = Writes;
        var refused = host.Invoke("Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false | Add-OktaServiceAppRoleTarget -Group $group.id -Confirm:$false");
        Assert.Equal("OktaRoleTargetNotSupported", Assert.Single(refused.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(1, Writes - before); // the role assignment only
    }

    [Fact]
    public void RateLimitShare_IsSetOnce_AndAPercentOutsideTheRangeSendsNothing()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        Setup(host, "f");
        var set = host.Invoke("Set-OktaServiceAppRateLimit -ClientId $app.ClientId -Percent 30 -Confirm:$false").AssertNoErrors().Objects<OktaServiceAppRateLimit>().Single();
        Assert.Equal(30, set.Percent);
        var before = Writes;
        host.Invoke("Set-OktaServiceAppRateLimit -ClientId $app.ClientId -Percent 30 -Confirm:$false").AssertNoErrors();
        Assert.Equal(0, Writes - before);
        Assert.Equal(30, host.Invoke("Get-OktaServiceAppRateLimit -ClientId $app.ClientId").AssertNoErrors().Objects<OktaServiceAppRateLimit>().Single().Percent);

        var refused = host.Invoke("Set-OktaServiceAppRateLimit -ClientId $app.ClientId -Percent 150 -Confirm:$false");
        Assert.Equal("OktaRateLimitPercentInvalid", Assert.Single(refused.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(0, Writes - before);
    }
}
