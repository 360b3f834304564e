namespace OktaEmulator.Tests.Grants;

/// <summary>/api/v1/apps/{appId}/grants: grant (200), list (paged, expand=scope), get, revoke, and the refusals.</summary>
public sealed class GrantsTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private JsonObject Grant(string scope, string? issuer = null) => new() { ["scopeId"] = scope, ["issuer"] = issuer ?? org.Api.OrgUrl };

    [Fact]
    public async Task Grant_answers_200_with_the_recorded_shape()
    {
        var appId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var response = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.apps.read"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var grant = await OrgApi.JsonAsync(response);
        Assert.Matches("^oag[A-Za-z0-9]{17}$", grant["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", grant["status"]!.GetValue<string>());
        Assert.Equal(org.Api.OrgUrl, grant["issuer"]!.GetValue<string>());
        Assert.Equal(appId, grant["clientId"]!.GetValue<string>());
        Assert.Equal("okta.apps.read", grant["scopeId"]!.GetValue<string>());
        Assert.Equal("ADMIN", grant["source"]!.GetValue<string>());
        Assert.Equal("User", grant["createdBy"]!["type"]!.GetValue<string>());
        Assert.Equal("okta.apps.read", grant["_embedded"]!["scope"]!["id"]!.GetValue<string>());
        foreach (var link in new[] { "self", "app", "client" })
        {
            Assert.NotNull(grant["_links"]![link]!["href"]);
        }
    }

    [Fact]
    public async Task Issuer_must_be_the_org_url_exactly()
    {
        var appId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var slash = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.users.read", org.Api.OrgUrl + "/"));
        Assert.Contains("issuer", await Expect.OktaCauseAsync(slash, HttpStatusCode.BadRequest, "E0000001"));
        Assert.Empty(org.Emulator.State.GrantsFor(appId));
    }

    [Fact]
    public async Task The_default_custom_authorization_server_is_the_one_other_issuer_a_grant_may_name()
    {
        var appId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        var custom = org.Api.OrgUrl + "/oauth2/default";
        using var accepted = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.users.read", custom));
        using var unknown = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.users.read", org.Api.OrgUrl + "/oauth2/ausNope"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(custom, (await OrgApi.JsonAsync(accepted))["issuer"]!.GetValue<string>());
        Assert.Contains("issuer", await Expect.OktaCauseAsync(unknown, HttpStatusCode.BadRequest, "E0000001"));
        Assert.Equal([custom], org.Emulator.State.GrantsFor(appId).Select(g => g.Issuer));
    }

    [Fact]
    public async Task A_scope_granted_by_another_issuer_may_be_granted_by_the_org_and_only_that_grant_counts_for_tokens()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync();
        using var custom = await org.Api.PostAsync($"/api/v1/apps/{clientId}/grants", Grant("okta.users.read", org.Api.OrgUrl + "/oauth2/default"));
        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);

        using var refused = await org.Api.PostTokenAsync(OrgApi.TokenForm(Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Api.Now), "okta.users.read"));
        Assert.Equal("consent_required", (await OrgApi.JsonAsync(refused))["error"]!.GetValue<string>());

        using var orgGrant = await org.Api.PostAsync($"/api/v1/apps/{clientId}/grants", Grant("okta.users.read"));
        Assert.Equal(HttpStatusCode.OK, orgGrant.StatusCode);
        Assert.NotEmpty(await org.Api.GetTokenAsync(clientId, key, "okta.users.read"));
        Assert.Equal(2, org.Emulator.State.GrantsFor(clientId).Count);
    }

    [Fact]
    public async Task Scope_must_be_in_the_okta_catalog()
    {
        var appId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var typo = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.user.read"));
        Assert.Contains("okta.user.read", await Expect.OktaCauseAsync(typo, HttpStatusCode.BadRequest, "E0000001"));

        using var dcrScope = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.clients.register"));
        Assert.Equal(HttpStatusCode.OK, dcrScope.StatusCode);
    }

    [Fact]
    public async Task Duplicate_active_grant_is_refused()
    {
        var appId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        await org.Api.GrantAsync(appId, "okta.users.read");
        using var again = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.users.read"));
        Assert.Contains("okta.users.read", await Expect.OktaCauseAsync(again, HttpStatusCode.BadRequest, "E0000001"));
        Assert.Single(org.Emulator.State.GrantsFor(appId));
    }

    [Fact]
    public async Task Unknown_app_is_404_E0000007()
    {
        using var response = await org.Api.PostAsync("/api/v1/apps/0oaNope00000000000000/grants", Grant("okta.users.read"));
        await Expect.OktaErrorAsync(response, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task List_embeds_scope_only_with_expand_and_pages_at_20()
    {
        var appId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        var scopes = OktaEmulator.Grants.ScopeCatalog.ManagementScopes.Order(StringComparer.Ordinal).Take(23).ToArray();
        await org.Api.GrantAsync(appId, scopes);

        using var plain = await org.Api.GetAsync($"/api/v1/apps/{appId}/grants");
        var first = (await OrgApi.JsonAsync(plain)).AsArray();
        Assert.Equal(20, first.Count);
        Assert.Null(first[0]!["_embedded"]);
        var next = plain.Headers.GetValues("Link").Single(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));

        using var rest = await org.Api.GetAsync(next[1..next.IndexOf('>')].Replace(org.Api.OrgUrl, "", StringComparison.Ordinal));
        Assert.Equal(3, (await OrgApi.JsonAsync(rest)).AsArray().Count);
        Assert.DoesNotContain(rest.Headers.GetValues("Link"), l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));

        using var expanded = await org.Api.GetAsync($"/api/v1/apps/{appId}/grants?expand=scope&limit=200");
        var all = (await OrgApi.JsonAsync(expanded)).AsArray();
        Assert.Equal(scopes, all.Select(g => g!["_embedded"]!["scope"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Revoked_grant_is_gone()
    {
        var appId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var granted = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.groups.read"));
        var grantId = (await OrgApi.JsonAsync(granted))["id"]!.GetValue<string>();

        using var get = await org.Api.GetAsync($"/api/v1/apps/{appId}/grants/{grantId}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var revoked = await org.Api.DeleteAsync($"/api/v1/apps/{appId}/grants/{grantId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var after = await org.Api.GetAsync($"/api/v1/apps/{appId}/grants/{grantId}");
        await Expect.OktaErrorAsync(after, HttpStatusCode.NotFound, "E0000007");

        // Revoked means grantable again.
        using var regrant = await org.Api.PostAsync($"/api/v1/apps/{appId}/grants", Grant("okta.groups.read"));
        Assert.Equal(HttpStatusCode.OK, regrant.StatusCode);
    }
}
