using System.Net;
using System.Text.Json;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Tests.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Grants;

public sealed class GrantClientTests
{
    private const string Issuer = "https://dev-123.okta.com";

    private static string GrantJson(string id, string scope, string status = "ACTIVE", string issuer = Issuer) =>
        $$$"""{"id":"{{{id}}}","status":"{{{status}}}","created":"2020-08-27T19:16:46.000Z","issuer":"{{{issuer}}}","clientId":"0oa1","scopeId":"{{{scope}}}","source":"ADMIN","_embedded":{"scope":{"id":"{{{scope}}}"}},"_links":{}}""";

    [Fact]
    public async Task List_FollowsPagingAndMapsGrants()
    {
        var handler = new StubHandler((_, index) => index == 0
            ? Respond.Json(HttpStatusCode.OK, $"[{GrantJson("oag1", "okta.users.read")}]",
                ("Link", "<https://dev-123.okta.com/api/v1/apps/0oa1/grants?expand=scope&after=oag1>; rel=\"next\""))
            : Respond.Json(HttpStatusCode.OK, $"[{GrantJson("oag2", "okta.apps.read", "REVOKED")}]"));
        using var client = TestClients.Create(handler);

        var grants = await new GrantClient(client).ListAsync("0oa1", CancellationToken.None);

        Assert.Equal("/api/v1/apps/0oa1/grants?expand=scope", handler.Requests[0].Uri.PathAndQuery);
        Assert.Equal(2, grants.Count);
        Assert.Equal("oag1", grants[0].Id);
        Assert.Equal("okta.users.read", grants[0].ScopeId);
        Assert.Equal(Issuer, grants[0].Issuer);
        Assert.Equal("ACTIVE", grants[0].Status);
        Assert.Equal("ADMIN", grants[0].Source);
        Assert.Equal(new DateTimeOffset(2020, 8, 27, 19, 16, 46, TimeSpan.Zero), grants[0].Created);
        Assert.Equal("REVOKED", grants[1].Status);
    }

    [Fact]
    public async Task Grant_PostsScopeAndIssuerAndAcceptsAny2xx()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, GrantJson("oag9", "okta.users.read")));
        using var client = TestClients.Create(handler);

        var grant = await new GrantClient(client).GrantAsync("0oa1", "okta.users.read", Issuer + "/", CancellationToken.None);

        Assert.Equal("oag9", grant.Id);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v1/apps/0oa1/grants", request.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(2, body.RootElement.EnumerateObject().Count());
        Assert.Equal("okta.users.read", body.RootElement.GetProperty("scopeId").GetString());
        Assert.Equal(Issuer, body.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Grant_UnknownOutcomeReListsAndDoesNotDuplicate()
    {
        // The POST is applied but its answer is lost; the re-list finds it, so there is no second POST.
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? throw new HttpRequestException("Connection reset by peer")
            : Respond.Json(HttpStatusCode.OK,
                $"[{GrantJson("oag0", "okta.users.read", "REVOKED")},{GrantJson("oag1", "okta.users.read")}]"));
        using var client = TestClients.Create(handler);

        var grant = await new GrantClient(client).GrantAsync("0oa1", "okta.users.read", Issuer, CancellationToken.None);

        Assert.Equal("oag1", grant.Id);
        Assert.Equal(1, handler.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.Equal(1, handler.Requests.Count(r => r.Method == HttpMethod.Get));
    }

    [Fact]
    public async Task Grant_UnknownOutcomeWithoutTheGrantPostsAgain()
    {
        var posts = 0;
        var handler = new StubHandler((request, _) =>
        {
            if (request.Method == HttpMethod.Post)
            {
                return ++posts == 1
                    ? Respond.Json((HttpStatusCode)503, "{}")
                    : Respond.Json(HttpStatusCode.Created, GrantJson("oag2", "okta.users.read"));
            }

            return Respond.Json(HttpStatusCode.OK, "[]");
        });
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, delays: delays);

        var grant = await new GrantClient(client).GrantAsync("0oa1", "okta.users.read", Issuer, CancellationToken.None);

        Assert.Equal("oag2", grant.Id);
        Assert.Equal(2, posts);
        Assert.Single(delays);
    }

    [Fact]
    public async Task Grant_UnknownOutcomeIsBoundedByMaxRetries()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Respond.Json((HttpStatusCode)500, "{}")
            : Respond.Json(HttpStatusCode.OK, "[]"));
        using var client = TestClients.Create(handler, o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            new GrantClient(client).GrantAsync("0oa1", "okta.users.read", Issuer, CancellationToken.None));

        Assert.Equal(OktaErrorKind.ServerError, ex.Kind);
        Assert.Equal(3, handler.Requests.Count(r => r.Method == HttpMethod.Post));
    }

    [Fact]
    public async Task Grant_AlreadyGrantedAnswerReturnsTheExistingGrant()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Respond.Json(HttpStatusCode.BadRequest,
                "{\"errorCode\":\"E0000001\",\"errorSummary\":\"Api validation failed: scopeId\",\"errorCauses\":[{\"errorSummary\":\"already granted\"}]}")
            : Respond.Json(HttpStatusCode.OK, $"[{GrantJson("oag5", "okta.users.read")}]"));
        using var client = TestClients.Create(handler);

        var grant = await new GrantClient(client).GrantAsync("0oa1", "okta.users.read", Issuer, CancellationToken.None);

        Assert.Equal("oag5", grant.Id);
    }

    [Fact]
    public async Task Grant_UnknownScopeErrorIsThrownAfterTheCheck()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Respond.Json(HttpStatusCode.BadRequest,
                "{\"errorCode\":\"E0000001\",\"errorSummary\":\"Api validation failed: scopeId\",\"errorCauses\":[{\"errorSummary\":\"Invalid scope\"}]}")
            : Respond.Json(HttpStatusCode.OK, "[]"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            new GrantClient(client).GrantAsync("0oa1", "okta.nonsense.read", Issuer, CancellationToken.None));

        Assert.Equal(OktaErrorKind.BadRequest, ex.Kind);
        Assert.Equal(new[] { "Invalid scope" }, ex.ErrorCauses);
    }

    [Theory]
    [InlineData("")]
    [InlineData("okta users.read")]
    public async Task Grant_MalformedScopeIsRefusedBeforeAnyRequest(string scope)
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            new GrantClient(client).GrantAsync("0oa1", scope, Issuer, CancellationToken.None));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Revoke_DeletesAndTreatsNotFoundAfterAnInterruptedDeleteAsDone()
    {
        var handler = new StubHandler((_, index) => index == 0
            ? throw new HttpRequestException("Connection reset by peer")
            : Respond.Json(HttpStatusCode.NotFound, "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not found: oag1 (OAuth2ScopeConsentGrant)\"}"));
        using var client = TestClients.Create(handler);

        await new GrantClient(client).RevokeAsync("0oa1", "oag1", CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Delete, r.Method));
        Assert.Equal("/api/v1/apps/0oa1/grants/oag1", handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task Revoke_NotFoundOnTheFirstDeleteIsAnError()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.NotFound,
            "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not found: oag1 (OAuth2ScopeConsentGrant)\"}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            new GrantClient(client).RevokeAsync("0oa1", "oag1", CancellationToken.None));

        Assert.Equal(OktaErrorKind.NotFound, ex.Kind);
    }
}
