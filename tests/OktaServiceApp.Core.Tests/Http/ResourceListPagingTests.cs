using System.Net;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.Core.Roles;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>The role and key lists follow Link rel="next", like every other list (the emulator does not page them).</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class ResourceListPagingTests
{
    private const string Next = "https://dev-123.okta.com/oauth2/v1/clients/0oa1/roles?after=irb1";

    [Fact]
    public async Task Roles_are_read_from_every_page()
    {
        var handler = new StubHandler((_, index) => index == 0
            ? Respond.Json(HttpStatusCode.OK, "[{\"id\":\"irb1\",\"type\":\"READ_ONLY_ADMIN\"}]", ("Link", $"<{Next}>; rel=\"next\""))
            : Respond.Json(HttpStatusCode.OK, "[{\"id\":\"irb2\",\"type\":\"APP_ADMIN\"}]"));
        using var client = TestClients.Create(handler);

        var roles = await new RoleClient(client).ListAsync("0oa1", CancellationToken.None);

        Assert.Equal(new[] { "READ_ONLY_ADMIN", "APP_ADMIN" }, roles.Select(r => r.Type));
        Assert.Equal(Next, handler.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Keys_are_read_from_every_page_in_either_documented_shape()
    {
        const string next = "https://dev-123.okta.com/api/v1/apps/0oa1/credentials/jwks?after=pks1";
        var handler = new StubHandler((_, index) => index == 0
            ? Respond.Json(HttpStatusCode.OK, "[{\"id\":\"pks1\",\"kid\":\"k1\",\"kty\":\"EC\",\"status\":\"ACTIVE\"}]", ("Link", $"<{next}>; rel=\"next\""))
            : Respond.Json(HttpStatusCode.OK, "{\"jwks\":{\"keys\":[{\"id\":\"pks2\",\"kid\":\"k2\",\"kty\":\"EC\",\"status\":\"INACTIVE\"}]}}"));
        using var client = TestClients.Create(handler);

        var keys = await new AppKeyClient(client).ListAsync("0oa1", CancellationToken.None);

        Assert.Equal(new[] { "k1", "k2" }, keys.Select(k => k.KeyId));
        Assert.Equal(2, handler.Requests.Count);
    }
}
