namespace OktaEmulator.Tests.Apps;

/// <summary>/api/v1/apps/{id}/credentials/jwks: add, list, get, activate/deactivate, delete, and their refusals.</summary>
public sealed class AppKeysTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private async Task<string> NewAppAsync() => await org.Api.CreateServiceAppAsync(false, TestKeys.PublicJwk(TestKeys.Rsa(0), "first"));

    private async Task<JsonObject> AddKeyAsync(string appId, JsonObject jwk)
    {
        using var response = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks", jwk);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await OrgApi.JsonAsync(response)).AsObject();
    }

    [Fact]
    public async Task Add_answers_201_with_an_okta_key_id_and_list_is_an_array()
    {
        var appId = await NewAppAsync();
        var key = await AddKeyAsync(appId, TestKeys.PublicJwk(TestKeys.Rsa(1), "second"));
        Assert.Matches("^pks[A-Za-z0-9]{17}$", key["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", key["status"]!.GetValue<string>());
        Assert.NotNull(key["created"]);
        Assert.NotNull(key["lastUpdated"]);

        using var list = await org.Api.GetAsync($"/api/v1/apps/{appId}/credentials/jwks");
        var keys = (await OrgApi.JsonAsync(list)).AsArray();
        Assert.Equal(["first", "second"], keys.Select(k => k!["kid"]!.GetValue<string>()));

        using var one = await org.Api.GetAsync($"/api/v1/apps/{appId}/credentials/jwks/{key["id"]}");
        Assert.Equal("second", (await OrgApi.JsonAsync(one))["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Active_key_cannot_be_deleted_but_an_inactive_one_can()
    {
        var appId = await NewAppAsync();
        var keyId = (await AddKeyAsync(appId, TestKeys.PublicJwk(TestKeys.Rsa(1), "second")))["id"]!.GetValue<string>();
        var path = $"/api/v1/apps/{appId}/credentials/jwks/{keyId}";

        using var refused = await org.Api.DeleteAsync(path);
        Assert.Equal("You can't delete an active JSON Web Key. Deactivate the key before deleting it.",
            await Expect.OktaCauseAsync(refused, HttpStatusCode.BadRequest, "E0000001"));

        using var deactivated = await org.Api.PostAsync(path + "/lifecycle/deactivate", null);
        Assert.Equal("INACTIVE", (await OrgApi.JsonAsync(deactivated))["status"]!.GetValue<string>());
        using var deleted = await org.Api.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await org.Api.GetAsync(path);
        await Expect.OktaErrorAsync(gone, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task Only_active_key_of_a_private_key_jwt_client_cannot_be_deactivated()
    {
        var appId = await NewAppAsync();
        var firstId = org.Emulator.State.FindClient(appId)!.Keys.Single()["id"]!.GetValue<string>();

        using var refused = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks/{firstId}/lifecycle/deactivate", null);
        Assert.Equal("Can't deactivate the only active JSON Web Key when the value for `token_endpoint_auth_method` is `private_key_jwt`.",
            await Expect.OktaCauseAsync(refused, HttpStatusCode.BadRequest, "E0000001"));

        // With a second active key, the first one can go.
        await AddKeyAsync(appId, TestKeys.PublicJwk(TestKeys.Rsa(1), "second"));
        using var allowed = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks/{firstId}/lifecycle/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Duplicate_kid_and_missing_kid_are_refused()
    {
        var appId = await NewAppAsync();
        using var duplicate = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks", TestKeys.PublicJwk(TestKeys.Rsa(1), "first"));
        Assert.Equal("All keys in the 'jwks' must have a unique `kid`.", await Expect.OktaCauseAsync(duplicate, HttpStatusCode.BadRequest, "E0000001"));

        using var noKid = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks", TestKeys.PublicJwk(TestKeys.Rsa(1)));
        Assert.StartsWith("Each key should have a unique kid", await Expect.OktaCauseAsync(noKid, HttpStatusCode.BadRequest, "E0000001"));
    }

    [Fact]
    public async Task Short_rsa_and_private_keys_are_refused()
    {
        var appId = await NewAppAsync();
        using var small = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks", TestKeys.PublicJwk(TestKeys.Rsa1024, "small"));
        Assert.Equal("RSA key length in the 'jwks' is less than '2,048' bits for the given key.",
            await Expect.OktaCauseAsync(small, HttpStatusCode.BadRequest, "E0000001"));

        using var priv = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks", TestKeys.PrivateJwk(TestKeys.Rsa(1), "priv"));
        await Expect.OktaErrorAsync(priv, HttpStatusCode.BadRequest, "E0000001");
        Assert.Single(org.Emulator.State.FindClient(appId)!.Keys);
    }

    [Fact]
    public async Task At_most_50_keys()
    {
        var appId = await NewAppAsync();
        var jwk = TestKeys.PublicJwk(TestKeys.Rsa(1));
        for (var i = 1; i < 50; i++)
        {
            jwk["kid"] = $"k{i}";
            await AddKeyAsync(appId, jwk);
        }

        jwk["kid"] = "k50";
        using var refused = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks", jwk);
        Assert.StartsWith("You can't create a new key. You have reached the maximum number of keys allowed (50).",
            await Expect.OktaCauseAsync(refused, HttpStatusCode.BadRequest, "E0000001"));
    }

    [Fact]
    public async Task Only_active_keys_verify_client_assertions()
    {
        var appId = await NewAppAsync();
        await org.Api.GrantAsync(appId, "okta.users.read");
        var second = await AddKeyAsync(appId, TestKeys.PublicJwk(TestKeys.Rsa(1), "second"));
        var secondKey = TestKeys.SigningKey(TestKeys.Rsa(1), "second");

        using (var ok = await org.Api.PostTokenAsync(OrgApi.TokenForm(
                   Jwts.Assertion(appId, org.Api.TokenUrl, secondKey, org.Clock.Now), "okta.users.read")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var deactivated = await org.Api.PostAsync($"/api/v1/apps/{appId}/credentials/jwks/{second["id"]}/lifecycle/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);

        using var refused = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(appId, org.Api.TokenUrl, secondKey, org.Clock.Now), "okta.users.read"));
        Assert.Equal("The client_assertion JWT kid is invalid.", await Expect.OAuthErrorAsync(refused, HttpStatusCode.Unauthorized, "invalid_client"));
    }
}
