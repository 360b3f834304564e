namespace OktaEmulator.Tests.Token;

/// <summary>POST /oauth2/v1/token: the request-level rules (grant_type, assertion type, credentials, scope) and the success shape.</summary>
public sealed class TokenRequestTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Success_is_a_one_hour_bearer_token_with_the_granted_scopes_and_no_store()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read", "okta.apps.read");
        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read okta.apps.read"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await OrgApi.JsonAsync(response);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal("okta.users.read okta.apps.read", body["scope"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["access_token"]!.GetValue<string>()));
        Assert.Equal("no-store", Expect.Header(response, "Cache-Control"));
        var token = Assert.Single(org.Emulator.State.Tokens, t => t.ClientId == clientId);
        Assert.Equal(TimeSpan.FromHours(1), token.ExpiresAt - token.IssuedAt);
    }

    [Fact]
    public async Task Grant_type_must_be_client_credentials()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var form = OrgApi.TokenForm(Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read");
        form["grant_type"] = "password";
        using var response = await org.Api.PostTokenAsync(form);
        await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task Client_assertion_type_must_be_jwt_bearer()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var form = OrgApi.TokenForm(Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read");
        form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer";
        using var response = await org.Api.PostTokenAsync(form);
        Assert.Equal("The client_assertion_type is invalid.", await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request"));
    }

    [Fact]
    public async Task Client_assertion_is_required()
    {
        var form = OrgApi.TokenForm("", "okta.users.read");
        form.Remove("client_assertion");
        using var response = await org.Api.PostTokenAsync(form);
        Assert.Equal("No client credentials found.", await Expect.OAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client"));
    }

    [Fact]
    public async Task Scope_is_required()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), ""));
        Assert.Equal("No scopes were requested.", await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope"));
    }

    [Fact]
    public async Task Every_requested_scope_must_be_granted()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        using var partial = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read okta.groups.read"));
        Assert.Equal("The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.",
            await Expect.OAuthErrorAsync(partial, HttpStatusCode.BadRequest, "invalid_scope"));

        using var unknown = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read okta.nonsense.read"));
        await Expect.OAuthErrorAsync(unknown, HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Fact]
    public async Task No_granted_scope_at_all_is_consent_required()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.groups.read"));
        Assert.Equal("You are not allowed any of the requested scopes.", await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "consent_required"));
    }

    [Fact]
    public async Task Revoked_grant_no_longer_yields_the_scope()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var grantId = org.Emulator.State.GrantsFor(clientId).Single().Id;
        using var revoked = await org.Api.DeleteAsync($"/api/v1/apps/{clientId}/grants/{grantId}");

        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read"));
        await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "consent_required");
    }

    [Fact]
    public async Task Only_service_apps_with_private_key_jwt_get_tokens()
    {
        var rsa = TestKeys.Rsa(0);
        var web = new JsonObject
        {
            ["client_name"] = "web app",
            ["application_type"] = "web",
            ["grant_types"] = new JsonArray("authorization_code", "client_credentials"),
            ["redirect_uris"] = new JsonArray("https://example.com/cb"),
            ["token_endpoint_auth_method"] = "private_key_jwt",
            ["jwks"] = TestKeys.Jwks(TestKeys.PublicJwk(rsa)),
        };
        using var created = await org.Api.PostAsync("/oauth2/v1/clients", web);
        var webId = (await OrgApi.JsonAsync(created))["client_id"]!.GetValue<string>();
        await org.Api.GrantAsync(webId, "okta.users.read");

        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(webId, org.Api.TokenUrl, TestKeys.SigningKey(rsa), org.Clock.Now), "okta.users.read"));
        Assert.StartsWith("Only clients with 'application_type' of 'service'",
            await Expect.OAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client"));

        var secretClient = OrgApi.ServiceClientBody("secret service", TestKeys.PublicJwk(rsa));
        secretClient["token_endpoint_auth_method"] = "client_secret_basic";
        using var createdSecret = await org.Api.PostAsync("/oauth2/v1/clients", secretClient);
        var secretId = (await OrgApi.JsonAsync(createdSecret))["client_id"]!.GetValue<string>();
        await org.Api.GrantAsync(secretId, "okta.users.read");
        using var secretResponse = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(secretId, org.Api.TokenUrl, TestKeys.SigningKey(rsa), org.Clock.Now), "okta.users.read"));
        Assert.StartsWith("Client Credentials requests to the Org Authorization Server must use the private_key_jwt",
            await Expect.OAuthErrorAsync(secretResponse, HttpStatusCode.Unauthorized, "invalid_client"));
    }

    [Fact]
    public async Task Rate_limited_token_requests_get_okta_style_429()
    {
        await using var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions());
        emulator.Configure(o => o.RateLimits["token"] = new RateLimitRule { Limit = 1, WindowSeconds = 3600 });
        using var http = new HttpClient { BaseAddress = emulator.OrgUrl };
        using var first = await http.PostAsync("/oauth2/v1/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "x" }));
        await Expect.OAuthErrorAsync(first, HttpStatusCode.BadRequest, "unsupported_grant_type");
        using var second = await http.PostAsync("/oauth2/v1/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "x" }));
        var body = await Expect.OktaErrorAsync(second, HttpStatusCode.TooManyRequests, "E0000047");
        Assert.Equal("API call exceeded rate limit due to too many requests.", body["errorSummary"]!.GetValue<string>());
    }
}
