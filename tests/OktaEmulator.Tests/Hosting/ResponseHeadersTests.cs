namespace OktaEmulator.Tests.Hosting;

/// <summary>Headers every answer carries, whatever its status, and Okta-style bodies for unknown paths and methods.</summary>
public sealed class ResponseHeadersTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Every_response_has_a_unique_request_id_a_date_and_rate_limit_headers()
    {
        var ids = new HashSet<string>();
        var calls = new (HttpMethod Method, string Path, string? Auth)[]
        {
            (HttpMethod.Get, "/api/v1/users", OrgApi.Ssws),
            (HttpMethod.Get, "/api/v1/users", null),
            (HttpMethod.Get, "/api/v1/apps/0oaNope00000000000000", OrgApi.Ssws),
            (HttpMethod.Post, "/oauth2/v1/token", null),
            (HttpMethod.Get, "/api/v1/nothing-here", OrgApi.Ssws),
        };
        foreach (var (method, path, auth) in calls)
        {
            using var response = await org.Api.SendAsync(method, path, null, auth);
            Assert.True(ids.Add(Expect.Header(response, "X-Okta-Request-Id")), "request ids must be unique");
            Assert.NotNull(response.Headers.Date);
            foreach (var header in new[] { "X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset" })
            {
                Assert.Single(response.Headers.GetValues(header));
            }
        }
    }

    [Fact]
    public async Task Unknown_path_is_404_E0000007_and_wrong_method_is_405_E0000022()
    {
        using var missing = await org.Api.GetAsync("/api/v1/nothing-here");
        await Expect.OktaErrorAsync(missing, HttpStatusCode.NotFound, "E0000007");

        using var wrongMethod = await org.Api.SendAsync(HttpMethod.Patch, "/api/v1/users", new JsonObject());
        await Expect.OktaErrorAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "E0000022");
    }

    [Fact]
    public async Task Malformed_json_is_400_E0000003()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/apps") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "SSWS " + org.Emulator.ApiToken);
        using var response = await org.Api.Http.SendAsync(request);
        await Expect.OktaErrorAsync(response, HttpStatusCode.BadRequest, "E0000003");
    }
}
