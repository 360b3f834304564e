using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>Test-OktaServiceApp on four broken apps: each gets the one right Fail, and its Fix, run as printed, turns it to Pass.</summary>
public sealed class DoctorTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "okta-doctor-" + Guid.NewGuid().ToString("N"));

    public DoctorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Doctor = "Test-OktaServiceApp -ClientId $app.ClientId -PrivateKeyPath $key -Path /api/v1/users";

    public static TheoryData<string, string> BrokenApps => new()
    {
        // No role: scopes are granted, nothing else is set up.
        { "Role", """
            $script:key = Join-Path $dir 'role.pem'
            $script:app = New-OktaJwks | New-OktaServiceApp -Name doctor-role -PrivateKeyPath $key | Grant-OktaScope okta.users.read -PassThru
            """ },
        // Missing scope: a role, and a scope the calls do not need.
        { "Scopes", """
            $script:key = Join-Path $dir 'scope.pem'
            $script:app = New-OktaJwks | New-OktaServiceApp -Name doctor-scope -PrivateKeyPath $key | Grant-OktaScope okta.logs.read -PassThru
            $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
            """ },
        // Unregistered kid: the caller signs with a key the app never got.
        { "Key", """
            $app = New-OktaJwks | New-OktaServiceApp -Name doctor-kid -PrivateKeyPath (Join-Path $dir 'registered.pem') | Grant-OktaScope okta.users.read -PassThru
            $script:app = $app
            $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
            $script:key = Join-Path $dir 'other.pem'
            $null = New-OktaJwks | Export-OktaPrivateKey -Path $key
            """ },
        // DPoP required but unknown to the caller: another tool made the app through the Apps API.
        { "DPoP", """
            $script:key = Join-Path $dir 'dpop.pem'
            $jwks = New-OktaJwks | Export-OktaPrivateKey -Path $key -PassThru
            $body = @{
                name = 'oidc_client'; label = 'doctor-dpop'; signOnMode = 'OPENID_CONNECT'
                credentials = @{ oauthClient = @{ token_endpoint_auth_method = 'private_key_jwt' } }
                settings = @{ oauthClient = @{ application_type = 'service'; grant_types = @('client_credentials'); response_types = @('token')
                    dpop_bound_access_tokens = $true; jwks = ($jwks.ToJson() | ConvertFrom-Json -AsHashtable) } }
            }
            $created = Invoke-OktaApi -Method POST -Path /api/v1/apps -Body $body
            $script:app = [pscustomobject]@{ ClientId = $created.id }
            $null = Grant-OktaScope -ClientId $app.ClientId -Scope okta.users.read -Confirm:$false
            $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role READ_ONLY_ADMIN -Confirm:$false
            """ },
    };

    [Theory]
    [MemberData(nameof(BrokenApps))]
    public void EachBrokenApp_GetsTheOneRightFail_AndItsFixTurnsItToPass(string failingCheck, string setup)
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        host.Invoke($"param($dir) $script:dir = $dir\n{setup}", ("dir", _dir)).AssertNoErrors();

        var writesBefore = _fixture.Emulator.Stats.Writes;
        var checks = host.Invoke(Doctor).AssertNoErrors().Objects<OktaDoctorCheck>().ToList();
        Assert.Equal(0, _fixture.Emulator.Stats.Writes - writesBefore);
        var fail = Assert.Single(checks, c => c.Status == "Fail");
        Assert.Equal(failingCheck, fail.Check);
        Assert.False(string.IsNullOrEmpty(fail.Fix), fail.Found);

        host.Invoke("param($fix) Invoke-Expression $fix", ("fix", fail.Fix)).AssertNoErrors();

        var after = host.Invoke(Doctor).AssertNoErrors().Objects<OktaDoctorCheck>().ToList();
        Assert.Equal("Pass", after.Single(c => c.Check == failingCheck).Status);
        Assert.DoesNotContain(after, c => c.Status == "Fail");
        Assert.Equal("Pass", after.Single(c => c.Check == "Token").Status);
    }

    [Fact]
    public void SuperAdmin_IsAWarn_WithALeastPrivilegeFix_AndNoTokenSendsNoTokenRequest()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        host.Invoke("""
            param($dir)
            $script:key = Join-Path $dir 'super.pem'
            $script:app = New-OktaJwks | New-OktaServiceApp -Name doctor-super -PrivateKeyPath $key | Grant-OktaScope okta.users.read -PassThru
            $null = Add-OktaServiceAppRole -ClientId $app.ClientId -Role SUPER_ADMIN -Confirm:$false
            """, ("dir", _dir)).AssertNoErrors();

        var tokensBefore = _fixture.Emulator.Stats.RouteCount("POST /oauth2/v1/token");
        var checks = host.Invoke(Doctor + " -NoToken").AssertNoErrors().Objects<OktaDoctorCheck>().ToList();
        Assert.Equal(tokensBefore, _fixture.Emulator.Stats.RouteCount("POST /oauth2/v1/token"));
        var warn = checks.Single(c => c.Check == "LeastPrivilege");
        Assert.Equal("Warn", warn.Status);
        Assert.DoesNotContain(checks, c => c.Status == "Fail");

        host.Invoke("param($fix) Invoke-Expression $fix", ("fix", warn.Fix)).AssertNoErrors();
        Assert.Equal(["READ_ONLY_ADMIN"], _fixture.Emulator.State.RolesFor(checks[0].ClientId).Select(r => r.Type));
    }

    [Fact]
    public void AnAppThatDoesNotExist_IsOneFail()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var checks = host.Invoke("Test-OktaServiceApp -ClientId 0oaNoSuchApp000000000").AssertNoErrors().Objects<OktaDoctorCheck>().ToList();
        Assert.Equal("App", Assert.Single(checks).Check);
        Assert.Equal("Fail", checks[0].Status);
    }

    [Fact]
    public void TheReport_HasOneRowPerServiceApp_WithSuperAdminFlagged()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        host.Invoke("""
            $script:a = New-OktaJwks | New-OktaServiceApp -Name report-a | Grant-OktaScope okta.users.read, okta.logs.read -PassThru
            $null = Add-OktaServiceAppRole -ClientId $a.ClientId -Role SUPER_ADMIN -Confirm:$false
            $null = Set-OktaServiceAppRateLimit -ClientId $a.ClientId -Percent 40 -Confirm:$false
            """).AssertNoErrors();
        var rows = host.Invoke("Get-OktaServiceAppReport").AssertNoErrors().Objects<OktaServiceAppReportRow>().ToList();
        var row = rows.Single(r => r.Name == "report-a");
        Assert.True(row.SuperAdmin);
        Assert.Equal(2, row.ScopeCount);
        Assert.Equal(1, row.ActiveKeys);
        Assert.Equal(40, row.RateLimitPercent);
        Assert.Equal(false, row.RequireDpop);
        Assert.Equal(rows.Count, rows.Select(r => r.ClientId).Distinct().Count());
    }
}
