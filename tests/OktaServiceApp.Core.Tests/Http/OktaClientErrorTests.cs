using System.Net;
using OktaServiceApp.Core.Http;
using Xunit;
using static OktaServiceApp.Core.Tests.Http.OktaClientTestRequests;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>How error answers become OktaApiException (Okta, OAuth and WWW-Authenticate styles), and how a body of the
/// wrong shape is reported.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class OktaClientErrorTests
{
    [Fact]
    public async Task Errors_OktaStyleBodyIsParsed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.Forbidden,
            "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You don't have permission to perform the requested action.\",\"errorLink\":\"E0000006\",\"errorId\":\"sampleNUSD\",\"errorCauses\":[]}",
            ("X-Okta-Request-Id", "abc")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.SendAsync(Get("/api/v1/apps/0oa1/grants?expand=scope"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Forbidden, ex.Kind);
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("GET", ex.Method);
        Assert.Equal("/api/v1/apps/0oa1/grants", ex.Path);
        Assert.Equal("E0000006", ex.ErrorCode);
        Assert.Equal("You don't have permission to perform the requested action.", ex.ErrorSummary);
        Assert.Equal("sampleNUSD", ex.ErrorId);
        Assert.Equal("abc", ex.RequestId);
        Assert.StartsWith("You don't have permission to perform the requested action (HTTP 403, E0000006, request id abc)", ex.Message);
        Assert.DoesNotContain("does not indicate success", ex.Message);
    }

    [Fact]
    public async Task Errors_OktaStyleCausesAreKept()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.BadRequest,
            "{\"errorCode\":\"E0000001\",\"errorSummary\":\"Api validation failed: JsonWebKey\",\"errorId\":\"x\",\"errorCauses\":[{\"errorSummary\":\"RSA key length in the 'jwks' is less than '2,048' bits for the given key.\"}]}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Post("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.BadRequest, ex.Kind);
        Assert.Equal(new[] { "RSA key length in the 'jwks' is less than '2,048' bits for the given key." }, ex.ErrorCauses);
        Assert.Contains("Api validation failed: JsonWebKey: RSA key length", ex.Message);
    }

    [Fact]
    public async Task Errors_OAuthStyleBodyIsParsed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.BadRequest,
            "{\"error\":\"invalid_client_metadata\",\"error_description\":\"`client_name`: The field can't be left blank.\"}",
            ("X-Okta-Request-Id", "r9")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Post("/oauth2/v1/clients"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.BadRequest, ex.Kind);
        Assert.Equal("invalid_client_metadata", ex.OAuthError);
        Assert.Equal("`client_name`: The field can't be left blank.", ex.OAuthErrorDescription);
        Assert.Null(ex.ErrorCode);
        Assert.Equal("`client_name`: The field can't be left blank (HTTP 400, invalid_client_metadata, request id r9)", ex.Message);
    }

    [Fact]
    public async Task Errors_WwwAuthenticateIsUsedWhenTheBodyIsEmpty()
    {
        var handler = new StubHandler((_, _) => Respond.Empty(HttpStatusCode.Forbidden, ("WWW-Authenticate",
            "Bearer authorization_uri=\"https://dev-123.okta.com/oauth2/v1/authorize\", realm=\"https://dev-123.okta.com\", scope=\"okta.groups.read\", error=\"insufficient_scope\", error_description=\"The access token provided does not contain the required scopes.\", resource=\"/api/v1/groups/12345\"")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/groups/12345"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Forbidden, ex.Kind);
        Assert.Equal("insufficient_scope", ex.OAuthError);
        Assert.Equal("The access token provided does not contain the required scopes.", ex.OAuthErrorDescription);
        Assert.Equal("okta.groups.read", ex.RequiredScope);
        Assert.Contains("(HTTP 403, insufficient_scope, requires scope okta.groups.read)", ex.Message);
    }

    [Fact]
    public async Task Errors_DpopWwwAuthenticateAndNonceAreParsed()
    {
        var handler = new StubHandler((_, _) => Respond.Empty(HttpStatusCode.BadRequest,
            ("WWW-Authenticate", "DPoP algs=\"RS256 RS384 RS512 ES256 ES384 ES512\", error=\"invalid_dpop_proof\", error_description=\"'htu' claim in the DPoP proof JWT is invalid.\", resource=\"/api/v1/users\""),
            ("DPoP-Nonce", "nonce-123")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/users"), CancellationToken.None));

        Assert.Equal("invalid_dpop_proof", ex.OAuthError);
        Assert.Equal("'htu' claim in the DPoP proof JWT is invalid.", ex.OAuthErrorDescription);
        Assert.Equal("nonce-123", ex.DpopNonce);
        Assert.Null(ex.RequiredScope);
    }

    [Fact]
    public async Task Errors_HtmlBodyKeepsTheStatusKind()
    {
        var handler = new StubHandler((_, _) => Respond.Text((HttpStatusCode)502,
            "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", ("X-Okta-Request-Id", "gw1")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Post("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.ServerError, ex.Kind);
        Assert.Equal("Okta returned HTTP 502 with a non-JSON body (text/html) (HTTP 502, request id gw1)", ex.Message);
        Assert.DoesNotContain("<html>", ex.Message);
    }

    [Theory]
    [InlineData(400, OktaErrorKind.BadRequest)]
    [InlineData(401, OktaErrorKind.Unauthorized)]
    [InlineData(403, OktaErrorKind.Forbidden)]
    [InlineData(404, OktaErrorKind.NotFound)]
    [InlineData(405, OktaErrorKind.Other)]
    [InlineData(409, OktaErrorKind.Conflict)]
    [InlineData(500, OktaErrorKind.ServerError)]
    [InlineData(501, OktaErrorKind.ServerError)]
    public async Task Errors_KindFollowsTheStatus(int status, OktaErrorKind kind)
    {
        var handler = new StubHandler((_, _) => Respond.Empty((HttpStatusCode)status));
        using var client = TestClients.Create(handler, o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps/x"), CancellationToken.None));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.DoesNotContain("00testtoken", ex.Message);
    }

    [Fact]
    public async Task Errors_InvalidApiTokenNeverEchoesTheToken()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.Unauthorized,
            "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorId\":\"e1\",\"errorCauses\":[]}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Unauthorized, ex.Kind);
        Assert.DoesNotContain("00testtoken", ex.ToString());
        Assert.Contains("Check the API token", ex.Message);
    }

    [Fact]
    public async Task Response_ReadOfAnUnexpectedShapeIsMalformed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[1,2]"));
        using var client = TestClients.Create(handler);

        var response = await client.SendAsync(Get("/api/v1/apps/x"), CancellationToken.None);

        var ex = Assert.Throws<OktaApiException>(() => response.Read<ShapeProbe>());
        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
        Assert.Equal(2, response.ReadJson().GetArrayLength());
        Assert.Equal(OktaErrorKind.MalformedResponse,
            Assert.Throws<OktaApiException>(() => new OktaResponse(HttpStatusCode.OK, "", null, null).ReadJson()).Kind);
        Assert.Equal(OktaErrorKind.MalformedResponse,
            Assert.Throws<OktaApiException>(() => new OktaResponse(HttpStatusCode.OK, "<html>", null, null).Read<ShapeProbe>()).Kind);
        Assert.Equal("a", new OktaResponse(HttpStatusCode.OK, "{\"id\":\"a\",\"other\":1}", null, null).Read<ShapeProbe>().Id);
    }

    private sealed class ShapeProbe
    {
        [System.Text.Json.Serialization.JsonPropertyName("id")] public string Id { get; set; } = "";
    }
}
