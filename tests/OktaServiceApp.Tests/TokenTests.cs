using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>What tokens cost in round trips: 1 POST for a Bearer app, at most 2 for a DPoP app, none from the cache.</summary>
public sealed class TokenTests : IClassFixture<EmulatorFixture>
{
    private const string TokenRoute = "POST /oauth2/v1/token";
    private readonly EmulatorFixture _fixture;

    public TokenTests(EmulatorFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(false, "Bearer", 1)]
    [InlineData(true, "DPoP", 2)]
    public void FirstToken_CostsAtMostTheExpectedPosts_AndTheCachedOneNone(bool requireDpop, string tokenType, int maxPosts)
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var dpop = requireDpop ? "-RequireDpop" : "";
        host.Invoke($"$script:app = New-OktaServiceApp -Name cost-{tokenType} {dpop} | Grant-OktaScope okta.users.read -PassThru").AssertNoErrors();

        var before = _fixture.Emulator.Stats.RouteCount(TokenRoute);
        var token = host.Invoke("$script:app | Get-OktaAccessToken okta.users.read").AssertNoErrors().Objects<OktaAccessToken>().Single();
        var afterFirst = _fixture.Emulator.Stats.RouteCount(TokenRoute);
        host.Invoke("$script:app | Get-OktaAccessToken okta.users.read").AssertNoErrors();

        Assert.Equal(tokenType, token.TokenType);
        Assert.InRange(afterFirst - before, 1, maxPosts);
        Assert.Equal(afterFirst, _fixture.Emulator.Stats.RouteCount(TokenRoute));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-RequireDpop")]
    public void ConnectAsApp_ThenInvokeOktaApi_ListsUsers(string dpop)
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var key = Path.Combine(Path.GetTempPath(), $"okta-{Guid.NewGuid():N}.pem");
        try
        {
            var users = host.Invoke($"""
                param($url, $key)
                $app = New-OktaServiceApp -Name svc {dpop} -PrivateKeyPath $key | Grant-OktaScope okta.users.read -PassThru
                Connect-Okta -OrgUrl $url -ClientId $app.ClientId -PrivateKeyPath $key -Scope okta.users.read | Out-Null
                Invoke-OktaApi /api/v1/users
                """, ("url", _fixture.Emulator.OrgUrlString), ("key", key)).AssertNoErrors();

            Assert.Equal(_fixture.Emulator.State.Users.Count, users.Output.Count);
        }
        finally
        {
            File.Delete(key);
        }
    }
}
