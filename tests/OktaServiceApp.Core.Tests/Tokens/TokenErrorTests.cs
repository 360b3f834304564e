using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tokens;
using OktaServiceApp.Core.Tests.Support;
using Xunit;

namespace OktaServiceApp.Core.Tests.Tokens;

/// <summary>Token failures say what to do: which scopes were asked for, and which key Okta did not know.</summary>
public sealed class TokenErrorTests : EmulatorOrgTests
{
    [Fact]
    public async Task UngrantedScope_NamesTheScopesAndTheFix()
    {
        using var key = SigningKey.Generate("ES256");
        var app = await CreateAsync(key, "okta.users.read");

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            new TokenClient(Options(), Registry).GetAsync(app, key, new[] { "okta.groups.read" }, forceRefresh: true, CancellationToken.None));

        Assert.Contains(ex.OAuthError, new[] { "invalid_scope", "consent_required" });
        Assert.Contains("okta.groups.read", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Grant-OktaScope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnregisteredKey_IsInvalidClientWithOktasCause()
    {
        using var key = SigningKey.Generate("ES256");
        using var other = SigningKey.Generate("ES256");
        var app = await CreateAsync(key, "okta.users.read");

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            new TokenClient(Options(), Registry).GetAsync(app, other, new[] { "okta.users.read" }, forceRefresh: true, CancellationToken.None));

        Assert.Equal(OktaErrorKind.Unauthorized, ex.Kind);
        Assert.Equal("invalid_client", ex.OAuthError);
        Assert.False(string.IsNullOrEmpty(ex.OAuthErrorDescription));
        Assert.Equal(0, Org.State.JtiReplays);
    }

    private async Task<string> CreateAsync(SigningKey key, string scope)
    {
        using var admin = new OktaClient(Options(), new SswsCredentials(Org.ApiToken));
        var app = await new ServiceAppClient(admin).CreateAsync(new ServiceAppSpec { Name = "errors", Keys = new[] { key.ToPublicJwk() } },
            CancellationToken.None);
        await new GrantClient(admin).GrantAsync(app.ClientId, scope, OrgUrl.ToIssuer(admin.OrgUrl), CancellationToken.None);
        return app.ClientId;
    }
}
