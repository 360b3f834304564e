using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>
/// Set-OktaScopeGrant -Issuer and Revoke-OktaScope use Grant-OktaScope's match: only a grant by the issuer counts, so a grant of
/// the same scope by another authorization server is neither taken as right, nor revoked, nor counted as extra.
/// </summary>
public sealed class GrantIssuerTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public GrantIssuerTests(EmulatorFixture fixture) => _fixture = fixture;

    private string OrgIssuer => _fixture.Emulator.OrgUrlString;
    private string CustomIssuer => _fixture.Emulator.OrgUrlString + "/oauth2/default";

    private string NewApp(PowerShellHost host, string name) =>
        (string)host.Invoke($"(New-OktaServiceApp -Name {name}).ClientId").AssertNoErrors().Output.Single().BaseObject;

    private void GrantBy(PowerShellHost host, string clientId, string issuer, params string[] scopes) =>
        host.Invoke("param($id, $issuer, $scopes) Grant-OktaScope -ClientId $id -Scope $scopes -Issuer $issuer -Confirm:$false | Out-Null",
            ("id", clientId), ("issuer", issuer), ("scopes", scopes)).AssertNoErrors();

    private List<string> ActiveGrants(string clientId) => _fixture.Emulator.State.GrantsFor(clientId)
        .Where(g => g.Status == "ACTIVE").Select(g => $"{g.ScopeId}@{(g.Issuer == OrgIssuer ? "org" : g.Issuer == CustomIssuer ? "custom" : g.Issuer)}")
        .OrderBy(s => s, StringComparer.Ordinal).ToList();

    [Fact]
    public void Set_with_an_issuer_grants_a_scope_another_issuer_holds_and_leaves_that_issuers_grants_alone()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var clientId = NewApp(host, "set-issuer");
        GrantBy(host, clientId, OrgIssuer, "okta.users.read", "okta.apps.read");

        var result = host.Invoke("param($id, $issuer) Set-OktaScopeGrant -ClientId $id -Scope okta.users.read -Issuer $issuer -Confirm:$false",
            ("id", clientId), ("issuer", CustomIssuer)).AssertNoErrors();

        var grant = Assert.Single(result.Objects<OktaScopeGrant>());
        Assert.Equal(("okta.users.read", CustomIssuer), (grant.ScopeId, grant.Issuer));
        Assert.Equal(new[] { "okta.apps.read@org", "okta.users.read@custom", "okta.users.read@org" }, ActiveGrants(clientId));
    }

    [Fact]
    public void Set_for_the_org_does_not_take_or_revoke_a_custom_servers_grant()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var clientId = NewApp(host, "set-org");
        GrantBy(host, clientId, CustomIssuer, "okta.users.read", "okta.logs.read");

        var result = host.Invoke("param($id) Set-OktaScopeGrant -ClientId $id -Scope okta.users.read -Confirm:$false", ("id", clientId))
            .AssertNoErrors();

        Assert.Equal(OrgIssuer, Assert.Single(result.Objects<OktaScopeGrant>()).Issuer);
        Assert.Equal(new[] { "okta.logs.read@custom", "okta.users.read@custom", "okta.users.read@org" }, ActiveGrants(clientId));
    }

    [Fact]
    public void Revoke_takes_away_the_grant_of_its_issuer_only()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var clientId = NewApp(host, "revoke-issuer");
        GrantBy(host, clientId, OrgIssuer, "okta.users.read");
        GrantBy(host, clientId, CustomIssuer, "okta.users.read", "okta.apps.read");

        host.Invoke("param($id) Revoke-OktaScope -ClientId $id -Scope okta.users.read -Confirm:$false", ("id", clientId)).AssertNoErrors();
        Assert.Equal(new[] { "okta.apps.read@custom", "okta.users.read@custom" }, ActiveGrants(clientId));

        host.Invoke("param($id, $issuer) Revoke-OktaScope -ClientId $id -Scope okta.apps.read, okta.users.read -Issuer $issuer -Confirm:$false -Verbose",
            ("id", clientId), ("issuer", CustomIssuer)).AssertNoErrors();
        Assert.Empty(ActiveGrants(clientId));

        var none = host.Invoke("param($id) Revoke-OktaScope -ClientId $id -Scope okta.apps.read -Confirm:$false -Verbose", ("id", clientId))
            .AssertNoErrors();
        Assert.Contains(none.Verbose, v => v.Contains("okta.apps.read", StringComparison.Ordinal) && v.Contains("not granted", StringComparison.Ordinal));
    }

    [Fact]
    public void Grant_with_an_issuer_posts_although_the_org_holds_the_scope()
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var clientId = NewApp(host, "grant-issuer");
        GrantBy(host, clientId, OrgIssuer, "okta.users.read");

        GrantBy(host, clientId, CustomIssuer, "okta.users.read");

        Assert.Equal(new[] { "okta.users.read@custom", "okta.users.read@org" }, ActiveGrants(clientId));
    }
}
