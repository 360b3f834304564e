namespace OktaEmulator.Tests.Auth;

/// <summary>
/// Each endpoint demands its Okta scope from OAuth tokens: without it, 403 with no body and Okta's WWW-Authenticate;
/// with it (or the matching manage scope), the request gets past authorization.
/// </summary>
public sealed class ScopeEnforcementTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private const string Id = "0oaNoSuchApp000000000";

    public static TheoryData<string, string, string> Routes => new()
    {
        { "POST", "/oauth2/v1/clients", "okta.clients.register" },
        { "GET", "/oauth2/v1/clients", "okta.clients.read" },
        { "GET", $"/oauth2/v1/clients/{Id}", "okta.clients.read" },
        { "PUT", $"/oauth2/v1/clients/{Id}", "okta.clients.manage" },
        { "DELETE", $"/oauth2/v1/clients/{Id}", "okta.clients.manage" },
        { "POST", $"/oauth2/v1/clients/{Id}/roles", "okta.roles.manage" },
        { "GET", $"/oauth2/v1/clients/{Id}/roles", "okta.roles.read" },
        { "DELETE", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO", "okta.roles.manage" },
        { "POST", "/api/v1/apps", "okta.apps.manage" },
        { "GET", "/api/v1/apps", "okta.apps.read" },
        { "GET", $"/api/v1/apps/{Id}", "okta.apps.read" },
        { "POST", $"/api/v1/apps/{Id}/lifecycle/deactivate", "okta.apps.manage" },
        { "DELETE", $"/api/v1/apps/{Id}", "okta.apps.manage" },
        { "GET", $"/api/v1/apps/{Id}/credentials/jwks", "okta.apps.read" },
        { "POST", $"/api/v1/apps/{Id}/credentials/jwks", "okta.apps.manage" },
        { "POST", $"/api/v1/apps/{Id}/credentials/jwks/pks0000000000000000/lifecycle/deactivate", "okta.apps.manage" },
        { "POST", $"/api/v1/apps/{Id}/grants", "okta.appGrants.manage" },
        { "GET", $"/api/v1/apps/{Id}/grants", "okta.appGrants.read" },
        { "DELETE", $"/api/v1/apps/{Id}/grants/oag00000000000000000", "okta.appGrants.manage" },
        { "GET", "/api/v1/users", "okta.users.read" },
        { "GET", "/api/v1/groups", "okta.groups.read" },
        { "POST", "/api/v1/groups", "okta.groups.manage" },
        { "GET", "/api/v1/groups/00gNope000000000000", "okta.groups.read" },
        { "GET", "/api/v1/iam/roles", "okta.roles.read" },
        { "POST", "/api/v1/iam/roles", "okta.roles.manage" },
        { "GET", "/api/v1/iam/roles/cr0Nope", "okta.roles.read" },
        { "DELETE", "/api/v1/iam/roles/cr0Nope", "okta.roles.manage" },
        { "GET", "/api/v1/iam/resource-sets", "okta.roles.read" },
        { "POST", "/api/v1/iam/resource-sets", "okta.roles.manage" },
        { "GET", "/api/v1/iam/resource-sets/iamNope", "okta.roles.read" },
        { "DELETE", "/api/v1/iam/resource-sets/iamNope", "okta.roles.manage" },
        { "GET", "/api/v1/iam/resource-sets/iamNope/resources", "okta.roles.read" },
        { "PATCH", "/api/v1/iam/resource-sets/iamNope/resources", "okta.roles.manage" },
        { "GET", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/groups", "okta.roles.read" },
        { "PUT", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/groups/00gNope", "okta.roles.manage" },
        { "DELETE", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/groups/00gNope", "okta.roles.manage" },
        { "GET", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/catalog/apps", "okta.roles.read" },
        { "PUT", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/catalog/apps/salesforce", "okta.roles.manage" },
        { "DELETE", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/catalog/apps/salesforce", "okta.roles.manage" },
        { "PUT", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/catalog/apps/oidc_client/{Id}", "okta.roles.manage" },
        { "DELETE", $"/oauth2/v1/clients/{Id}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/catalog/apps/oidc_client/{Id}", "okta.roles.manage" },
        { "GET", "/api/v1/principal-rate-limits", "okta.principalRateLimits.read" },
        { "POST", "/api/v1/principal-rate-limits", "okta.principalRateLimits.manage" },
        { "GET", "/api/v1/principal-rate-limits/prlNope", "okta.principalRateLimits.read" },
        { "PUT", "/api/v1/principal-rate-limits/prlNope", "okta.principalRateLimits.manage" },
    };

    private static string? _clientId;
    private static Microsoft.IdentityModel.Tokens.SecurityKey? _key;

    /// <summary>One client granted every scope the table needs, shared by the rows (each row gets its own tokens).</summary>
    private async Task<string> TokenAsync(params string[] scopes)
    {
        if (_clientId is null || org.Emulator.State.FindClient(_clientId) is null)
        {
            (_clientId, _key) = await org.Api.NewServiceClientAsync(
                "okta.logs.read", "okta.clients.register", "okta.clients.read", "okta.clients.manage", "okta.roles.read", "okta.roles.manage",
                "okta.apps.read", "okta.apps.manage", "okta.appGrants.read", "okta.appGrants.manage", "okta.users.read", "okta.users.manage",
                "okta.groups.read", "okta.groups.manage", "okta.principalRateLimits.read", "okta.principalRateLimits.manage");
        }

        return "Bearer " + await org.Api.GetTokenAsync(_clientId, _key!, string.Join(' ', scopes));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Token_without_the_scope_gets_403_with_only_a_www_authenticate_header(string method, string path, string scope)
    {
        var wrong = await TokenAsync("okta.logs.read");
        using var refused = await org.Api.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" or "PATCH" ? new JsonObject() : null, wrong);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            $"Bearer authorization_uri=\"{org.Api.OrgUrl}/oauth2/v1/authorize\", realm=\"IDX\", scope=\"{scope}\", error=\"insufficient_scope\", " +
            $"error_description=\"The access token provided does not contain the required scopes.\", resource=\"{path}\"",
            Expect.Header(refused, "WWW-Authenticate"));

        var right = await TokenAsync(scope);
        using var allowed = await org.Api.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" or "PATCH" ? new JsonObject() : null, right);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, allowed.StatusCode);
    }

    [Fact]
    public async Task Manage_implies_read_but_read_does_not_imply_manage()
    {
        using var readWithManage = await org.Api.GetAsync("/api/v1/users", await TokenAsync("okta.users.manage"));
        Assert.Equal(HttpStatusCode.OK, readWithManage.StatusCode);

        using var clientsWithManage = await org.Api.PostAsync("/oauth2/v1/clients",
            OrgApi.ServiceClientBody("via manage", TestKeys.PublicJwk(TestKeys.Rsa(0))), await TokenAsync("okta.clients.manage"));
        Assert.Equal(HttpStatusCode.Created, clientsWithManage.StatusCode);

        var readOnly = await TokenAsync("okta.apps.read");
        var body = OrgApi.ServiceAppBody("read only", false, TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var write = await org.Api.PostAsync("/api/v1/apps", body, readOnly);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.DoesNotContain(org.Emulator.State.Clients, c => c.ClientName == "read only");
    }

    [Fact]
    public async Task Grant_made_with_a_token_records_the_client_as_creator()
    {
        var token = await TokenAsync("okta.appGrants.manage");
        var target = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var granted = await org.Api.PostAsync($"/api/v1/apps/{target}/grants",
            new JsonObject { ["scopeId"] = "okta.users.read", ["issuer"] = org.Api.OrgUrl }, token);
        var createdBy = (await OrgApi.JsonAsync(granted))["createdBy"]!;
        Assert.Equal("Client", createdBy["type"]!.GetValue<string>());
        Assert.Equal(_clientId, createdBy["id"]!.GetValue<string>());
    }
}
