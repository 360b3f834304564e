using System.Net;
using System.Text.Json;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;
using Xunit;
using static OktaServiceApp.Core.Tests.Http.OktaClientTestRequests;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>What every request carries (URL, auth, headers, JSON body), what it reports, and resending with fresh
/// credentials.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class OktaClientRequestTests
{
    [Fact]
    public async Task Send_AddsAuthorizationAcceptAndUserAgent()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Get("/api/v1/apps/0oa1"), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://dev-123.okta.com/api/v1/apps/0oa1", request.Uri.AbsoluteUri);
        Assert.Equal("SSWS 00testtoken", request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.StartsWith("OktaServiceApp.PowerShell/", request.Header("User-Agent"));
        Assert.Null(request.Header("X-Okta-Retry-For"));
    }

    [Fact]
    public async Task Send_SerializesJsonBodyWithSystemTextJson()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Post("/api/v1/apps/0oa1/grants", new Dictionary<string, string>
        {
            ["scopeId"] = "okta.users.read",
            ["issuer"] = "https://dev-123.okta.com\"quoted",
        }), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        using var document = JsonDocument.Parse(request.Body);
        Assert.Equal("https://dev-123.okta.com\"quoted", document.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Send_AbsoluteUrlOnTheOrgIsAccepted()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Get("https://dev-123.okta.com/api/v1/apps?after=abc&limit=2"), CancellationToken.None);

        Assert.Equal("https://dev-123.okta.com/api/v1/apps?after=abc&limit=2", handler.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Send_AbsoluteUrlOnAnotherHostIsRefused()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.SendAsync(Get("https://evil.example.com/api/v1/apps"), CancellationToken.None));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Send_ReportsEachRequestWithoutHeaderValues()
    {
        var observer = new RecordingObserver();
        OktaObserver.Current = observer;
        try
        {
            var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]"));
            using var client = TestClients.Create(handler);

            await client.SendAsync(Get("/api/v1/apps/0oa1/grants?expand=scope"), CancellationToken.None);

            Assert.Contains(observer.Messages, m => m.StartsWith("VERBOSE: GET /api/v1/apps/0oa1/grants -> 200 (", StringComparison.Ordinal));
            Assert.DoesNotContain(observer.Messages, m => m.Contains("00testtoken"));
        }
        finally
        {
            OktaObserver.Current = null;
        }
    }

    // ---- credentials ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Credentials_AskingToResendSendsAgainOnlyOnce()
    {
        var handler = new StubHandler((_, _) => Respond.Empty(HttpStatusCode.Unauthorized,
            ("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\""), ("DPoP-Nonce", "n1")));
        var credentials = new CountingCredentials { ResendOn401 = true };
        using var client = TestClients.Create(handler, credentials: credentials);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/users"), CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(2, credentials.Responses);
        Assert.Equal("use_dpop_nonce", ex.OAuthError);
    }
}
