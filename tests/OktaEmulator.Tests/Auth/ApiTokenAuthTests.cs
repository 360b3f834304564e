namespace OktaEmulator.Tests.Auth;

/// <summary>Who may call the management API: the SSWS token, or a live access token this org issued.</summary>
public sealed class ApiTokenAuthTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Ssws_token_works_and_anything_else_is_401_E0000011()
    {
        using var ok = await org.Api.GetAsync("/api/v1/apps");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        foreach (var auth in new string?[] { null, "", "SSWS wrong-token", "SSWS", "Bearer not-a-token", "DPoP not-a-token", "Basic dXNlcjpwYXNz", org.Emulator.ApiToken })
        {
            using var refused = await org.Api.GetAsync("/api/v1/apps", auth);
            var body = await Expect.OktaErrorAsync(refused, HttpStatusCode.Unauthorized, "E0000011");
            Assert.Equal("Invalid token provided", body["errorSummary"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Issued_bearer_token_works_until_it_expires()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var token = await org.Api.GetTokenAsync(clientId, key, "okta.users.read");

        org.Clock.Advance(TimeSpan.FromMinutes(59));
        using var ok = await org.Api.GetAsync("/api/v1/users", "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        org.Clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await org.Api.GetAsync("/api/v1/users", "Bearer " + token);
        await Expect.OktaErrorAsync(expired, HttpStatusCode.Unauthorized, "E0000011");
    }

    [Fact]
    public async Task Deleting_the_client_kills_its_tokens()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var token = await org.Api.GetTokenAsync(clientId, key, "okta.users.read");
        using var deleted = await org.Api.DeleteAsync($"/oauth2/v1/clients/{clientId}");
        using var refused = await org.Api.GetAsync("/api/v1/users", "Bearer " + token);
        await Expect.OktaErrorAsync(refused, HttpStatusCode.Unauthorized, "E0000011");
    }
}
