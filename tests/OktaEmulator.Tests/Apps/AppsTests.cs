namespace OktaEmulator.Tests.Apps;

/// <summary>POST/GET/list/deactivate/DELETE /api/v1/apps for OIDC service apps.</summary>
public sealed class AppsTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Create_answers_200_with_the_recorded_shape()
    {
        using var response = await org.Api.PostAsync("/api/v1/apps?activate=true",
            OrgApi.ServiceAppBody("Shape", dpop: true, TestKeys.PublicJwk(TestKeys.Rsa(0), "SIGNING_KEY_RSA")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var app = await OrgApi.JsonAsync(response);
        var id = app["id"]!.GetValue<string>();
        Assert.Matches("^0oa[A-Za-z0-9]{17}$", id);
        Assert.Equal("ACTIVE", app["status"]!.GetValue<string>());
        Assert.Equal("oidc_client", app["name"]!.GetValue<string>());
        Assert.Equal("OPENID_CONNECT", app["signOnMode"]!.GetValue<string>());
        Assert.Equal(id, app["credentials"]!["oauthClient"]!["client_id"]!.GetValue<string>());
        Assert.Equal("private_key_jwt", app["credentials"]!["oauthClient"]!["token_endpoint_auth_method"]!.GetValue<string>());
        var settings = app["settings"]!["oauthClient"]!;
        Assert.Equal("service", settings["application_type"]!.GetValue<string>());
        Assert.True(settings["dpop_bound_access_tokens"]!.GetValue<bool>());
        var key = settings["jwks"]!["keys"]![0]!.AsObject();
        Assert.Matches("^pks", key["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", key["status"]!.GetValue<string>());
        Assert.Null(key["use"]);
    }

    public static TheoryData<string, Action<JsonObject>> InvalidApps => new()
    {
        { "no label", b => b.Remove("label") },
        { "not an OIDC app", b => b["name"] = "bookmark" },
        { "wrong signOnMode", b => b["signOnMode"] = "SAML_2_0" },
        { "no grant_types", b => b["settings"]!["oauthClient"]!.AsObject().Remove("grant_types") },
        { "service with authorization_code", b => b["settings"]!["oauthClient"]!["grant_types"] = new JsonArray("authorization_code") },
        { "private_key_jwt without keys", b => b["settings"]!["oauthClient"]!.AsObject().Remove("jwks") },
        { "short RSA key", b => b["settings"]!["oauthClient"]!["jwks"] = TestKeys.Jwks(TestKeys.PublicJwk(TestKeys.Rsa1024, "s")) },
        { "private key material", b => b["settings"]!["oauthClient"]!["jwks"] = TestKeys.Jwks(TestKeys.PrivateJwk(TestKeys.Rsa(0), "p")) },
    };

    [Theory]
    [MemberData(nameof(InvalidApps))]
    public async Task Invalid_app_is_refused_with_E0000001_and_a_cause(string rule, Action<JsonObject> breakIt)
    {
        var bad = OrgApi.ServiceAppBody("bad-" + rule, dpop: false, TestKeys.PublicJwk(TestKeys.Rsa(0), "k"));
        breakIt(bad);
        using var response = await org.Api.PostAsync("/api/v1/apps", bad);

        var body = await Expect.OktaErrorAsync(response, HttpStatusCode.BadRequest, "E0000001");
        Assert.StartsWith("Api validation failed: ", body["errorSummary"]!.GetValue<string>());
        Assert.NotEmpty(body["errorCauses"]!.AsArray());
        Assert.DoesNotContain(org.Emulator.State.Clients, c => c.ClientName == "bad-" + rule);
    }

    [Fact]
    public async Task Short_rsa_key_gets_okta_s_documented_cause()
    {
        var bad = OrgApi.ServiceAppBody("short", dpop: false, TestKeys.PublicJwk(TestKeys.Rsa1024, "s"));
        using var response = await org.Api.PostAsync("/api/v1/apps", bad);
        var cause = await Expect.OktaCauseAsync(response, HttpStatusCode.BadRequest, "E0000001");
        Assert.Equal("RSA key length in the 'jwks' is less than '2,048' bits for the given key.", cause);
    }

    [Fact]
    public async Task Get_unknown_app_is_404_E0000007()
    {
        using var response = await org.Api.GetAsync("/api/v1/apps/0oaNope00000000000000");
        await Expect.OktaErrorAsync(response, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task Active_app_cannot_be_deleted_until_deactivated()
    {
        var id = await org.Api.CreateServiceAppAsync(false, TestKeys.PublicJwk(TestKeys.Rsa(0), "k"));
        using var refused = await org.Api.DeleteAsync($"/api/v1/apps/{id}");
        await Expect.OktaErrorAsync(refused, HttpStatusCode.BadRequest, "E0000001");
        Assert.NotNull(org.Emulator.State.FindClient(id));

        using var deactivated = await org.Api.PostAsync($"/api/v1/apps/{id}/lifecycle/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        using var deleted = await org.Api.DeleteAsync($"/api/v1/apps/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await org.Api.GetAsync($"/api/v1/apps/{id}");
        await Expect.OktaErrorAsync(gone, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task Dcr_client_and_apps_api_app_are_the_same_record()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0), "k"));
        using var asApp = await org.Api.GetAsync($"/api/v1/apps/{clientId}");
        Assert.Equal(HttpStatusCode.OK, asApp.StatusCode);
        Assert.Equal(clientId, (await OrgApi.JsonAsync(asApp))["credentials"]!["oauthClient"]!["client_id"]!.GetValue<string>());

        var appId = await org.Api.CreateServiceAppAsync(false, TestKeys.PublicJwk(TestKeys.Rsa(0), "k"));
        using var asClient = await org.Api.GetAsync($"/oauth2/v1/clients/{appId}");
        Assert.Equal(HttpStatusCode.OK, asClient.StatusCode);
    }

    [Fact]
    public async Task List_filters_by_label_prefix_and_pages()
    {
        var prefix = "lbl" + Guid.NewGuid().ToString("N")[..6];
        using (var decoy = await org.Api.PostAsync("/api/v1/apps", OrgApi.ServiceAppBody("decoy", false, TestKeys.PublicJwk(TestKeys.Rsa(0)))))
        {
            Assert.Equal(HttpStatusCode.OK, decoy.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var r = await org.Api.PostAsync("/api/v1/apps", OrgApi.ServiceAppBody($"{prefix}{i}", false, TestKeys.PublicJwk(TestKeys.Rsa(0))));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        using var page = await org.Api.GetAsync($"/api/v1/apps?q={prefix}&limit=2");
        var labels = (await OrgApi.JsonAsync(page)).AsArray().Select(a => a!["label"]!.GetValue<string>()).ToList();
        Assert.Equal([$"{prefix}0", $"{prefix}1"], labels);
        Assert.Contains(page.Headers.GetValues("Link"), l => l.Contains("after=", StringComparison.Ordinal) && l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Activate_false_creates_an_inactive_app()
    {
        using var response = await org.Api.PostAsync("/api/v1/apps?activate=false",
            OrgApi.ServiceAppBody("inactive", false, TestKeys.PublicJwk(TestKeys.Rsa(0))));
        Assert.Equal("INACTIVE", (await OrgApi.JsonAsync(response))["status"]!.GetValue<string>());
    }
}
