using System.Net;
using OktaServiceApp.Core.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>Following Link rel="next" pages, and refusing links that leave the org or loop.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class OktaClientPagingTests
{
    [Fact]
    public async Task Paging_FollowsNextLinksVerbatimAndStreamsPages()
    {
        var handler = new StubHandler((request, index) => index switch
        {
            0 => Respond.Json(HttpStatusCode.OK, "[{\"id\":1},{\"id\":2}]",
                ("Link", "<https://dev-123.okta.com/api/v1/apps?limit=2>; rel=\"self\""),
                ("Link", "<https://dev-123.okta.com/api/v1/apps?after=0oa2&limit=2>; rel=\"next\"")),
            1 => Respond.Json(HttpStatusCode.OK, "[{\"id\":3},{\"id\":4}]",
                ("Link", "<https://dev-123.okta.com/api/v1/apps?after=0oa2&limit=2>; rel=\"self\", <https://dev-123.okta.com/api/v1/apps?after=0oa4%3D&limit=2>; rel=\"next\"")),
            _ => Respond.Json(HttpStatusCode.OK, "[{\"id\":5}]",
                ("Link", "<https://dev-123.okta.com/api/v1/apps?after=0oa4%3D&limit=2>; rel=\"self\"")),
        });
        using var client = TestClients.Create(handler);
        var pages = new List<int>();

        await client.GetPagesAsync("/api/v1/apps?limit=2", page =>
        {
            pages.Add(page.Count);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(new[] { 2, 2, 1 }, pages);
        Assert.Equal("https://dev-123.okta.com/api/v1/apps?after=0oa2&limit=2", handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("https://dev-123.okta.com/api/v1/apps?after=0oa4%3D&limit=2", handler.Requests[2].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Paging_RefusesANextLinkToAnotherHost()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]",
            ("Link", "<https://elsewhere.example.com/api/v1/apps?after=x>; rel=\"next\"")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.GetPagesAsync("/api/v1/apps", _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Paging_StopsOnALinkLoop()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]",
            ("Link", "<https://dev-123.okta.com/api/v1/apps?after=same>; rel=\"next\"")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.GetPagesAsync("/api/v1/apps", _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Paging_NonArrayPageIsMalformed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{\"id\":1}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.GetPagesAsync("/api/v1/apps", _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
    }
}
