using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tokens;
using OktaServiceApp.Core.Tests.Support;
using Xunit;

namespace OktaServiceApp.Core.Tests.Apps;

/// <summary>The whole service-app story against the Okta org emulator: create, grant, token, call, delete.</summary>
public sealed class EmulatorLifecycleTests : EmulatorOrgTests
{
    [Fact]
    public async Task Lifecycle_BearerServiceAppIsCreatedGrantedUsedAndDeleted()
    {
        using var key = SigningKey.Generate("ES256");
        using var admin = new OktaClient(Options(), new SswsCredentials(Org.ApiToken), Registry);
        var apps = new ServiceAppClient(admin);
        var grants = new GrantClient(admin);

        var app = await apps.CreateAsync(new ServiceAppSpec { Name = "svc-bearer", Keys = new[] { key.ToPublicJwk() } },
            CancellationToken.None);
        Assert.Equal("svc-bearer", (await apps.GetAsync(app.ClientId, CancellationToken.None)).Name);
        var issuer = OrgUrl.ToIssuer(admin.OrgUrl);
        await grants.GrantAsync(app.ClientId, "okta.users.read", issuer, CancellationToken.None);
        await grants.GrantAsync(app.ClientId, "okta.users.read", issuer, CancellationToken.None); // idempotent
        Assert.Single(Org.State.GrantsFor(app.ClientId), g => g.Status == "ACTIVE");

        var tokens = new TokenClient(Options(), Registry);
        var credentials = new OAuthCredentials(tokens, app.ClientId, key, new[] { "okta.users.read" });
        using var asApp = new OktaClient(Options(), credentials, Registry);
        var users = 0;
        await asApp.GetPagesAsync("/api/v1/users?limit=2", page =>
        {
            users += page.Count;
            return Task.CompletedTask;
        }, CancellationToken.None);
        Assert.True(users >= 3);
        Assert.Equal("Bearer", Org.State.Tokens.Single(t => t.ClientId == app.ClientId).TokenType);

        // A scope the token lacks: 403 with the scope named from WWW-Authenticate.
        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            asApp.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps") { RetryFaults = true }, CancellationToken.None));
        Assert.Equal(OktaErrorKind.Forbidden, ex.Kind);
        Assert.Equal("okta.apps.read", ex.RequiredScope);

        var listed = new List<string>();
        await apps.ListAsync("svc-", a =>
        {
            listed.Add(a.ClientId);
            return Task.CompletedTask;
        }, CancellationToken.None);
        Assert.Contains(app.ClientId, listed);

        await apps.DeleteAsync(app.ClientId, CancellationToken.None);
        Assert.Null(Org.State.FindClient(app.ClientId));
        Assert.Equal(0, Org.State.JtiReplays);
    }

    [Fact]
    public async Task Lifecycle_DpopServiceAppGetsADpopTokenAndCallsWithProofs()
    {
        using var key = SigningKey.Generate("ES256");
        using var admin = new OktaClient(Options(), new SswsCredentials(Org.ApiToken), Registry);
        var app = await new ServiceAppClient(admin).CreateAsync(
            new ServiceAppSpec { Name = "svc-dpop", Keys = new[] { key.ToPublicJwk() }, RequireDpop = true }, CancellationToken.None);
        Assert.True(app.RequireDpop);
        await new GrantClient(admin).GrantAsync(app.ClientId, "okta.users.read", OrgUrl.ToIssuer(admin.OrgUrl), CancellationToken.None);

        // Counted on this test's own emulator: the process-wide counter also sees other test classes running in parallel.
        var before = Org.Stats.RouteCount("POST /oauth2/v1/token");
        var credentials = new OAuthCredentials(new TokenClient(Options(), Registry), app.ClientId, key, new[] { "okta.users.read" });
        using var asApp = new OktaClient(Options(), credentials, Registry);
        for (var i = 0; i < 3; i++)
        {
            await asApp.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/users?limit=1") { RetryFaults = true }, CancellationToken.None);
        }

        var token = await credentials.EnsureTokenAsync(CancellationToken.None);
        Assert.Equal("DPoP", token.TokenType);
        Assert.Equal("DPoP", Org.State.Tokens.Single(t => t.ClientId == app.ClientId).TokenType);
        Assert.InRange(Org.Stats.RouteCount("POST /oauth2/v1/token") - before, 1, 2);
        Assert.Equal(0, Org.State.JtiReplays);
    }

    [Fact]
    public async Task Lifecycle_UndiscoveredDpopNeedIsLearnedFromTheTokenEndpoint()
    {
        using var key = SigningKey.Generate("ES256");
        using var admin = new OktaClient(Options(), new SswsCredentials(Org.ApiToken), Registry);
        // Created behind ServiceAppClient's back, so this process does not know the app needs DPoP.
        var created = await admin.SendAsync(new OktaRequest(HttpMethod.Post, "/api/v1/apps?activate=true")
        {
            JsonBody = AppsApiModels.CreateRequest("svc-dpop-unknown", new[] { key.ToPublicJwk() }),
        }, CancellationToken.None);
        var clientId = AppsApiModels.Map(created.ReadJson(), created).ClientId;
        Assert.False(Registry.RequiresDpop(admin.OrgUrl, clientId));
        await new GrantClient(admin).GrantAsync(clientId, "okta.users.read", OrgUrl.ToIssuer(admin.OrgUrl), CancellationToken.None);

        var token = await new TokenClient(Options(), Registry).GetAsync(clientId, key, new[] { "okta.users.read" }, false, CancellationToken.None);

        Assert.Equal("DPoP", token.TokenType);
        Assert.NotNull(token.DpopKey);
        Assert.True(Registry.RequiresDpop(admin.OrgUrl, clientId));
        Assert.InRange(Org.Stats.RouteCount("POST /oauth2/v1/token"), 2, 3);
        Assert.Equal(0, Org.State.JtiReplays);
    }
}
