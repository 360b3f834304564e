namespace OktaEmulator.Tests;

/// <summary>The two calls of the seed guide: register a service app by DCR, then grant it okta.users.read.</summary>
public sealed class SeedGuideTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Register_then_grant_with_the_api_token()
    {
        var body = OrgApi.ServiceClientBody("Example Service Client", TestKeys.PublicJwk(TestKeys.Rsa(0), "key1"));
        using var created = await org.Api.PostAsync("/oauth2/v1/clients", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clientId = (await OrgApi.JsonAsync(created))["client_id"]!.GetValue<string>();
        Assert.Matches("^0oa[A-Za-z0-9]{17}$", clientId);

        using var granted = await org.Api.PostAsync($"/api/v1/apps/{clientId}/grants",
            new JsonObject { ["scopeId"] = "okta.users.read", ["issuer"] = org.Api.OrgUrl });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("okta.users.read", (await OrgApi.JsonAsync(granted))["scopeId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Both_calls_are_refused_without_the_api_token()
    {
        var body = OrgApi.ServiceClientBody("No token", TestKeys.PublicJwk(TestKeys.Rsa(0), "key1"));
        using var created = await org.Api.PostAsync("/oauth2/v1/clients", body, auth: null);
        await Expect.OktaErrorAsync(created, HttpStatusCode.Unauthorized, "E0000011");

        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var granted = await org.Api.PostAsync($"/api/v1/apps/{clientId}/grants",
            new JsonObject { ["scopeId"] = "okta.users.read", ["issuer"] = org.Api.OrgUrl }, auth: null);
        await Expect.OktaErrorAsync(granted, HttpStatusCode.Unauthorized, "E0000011");
        Assert.Empty(org.Emulator.State.GrantsFor(clientId));
        Assert.DoesNotContain(org.Emulator.State.Clients, c => c.ClientName == "No token");
    }
}
