namespace OktaEmulator.Tests.Dcr;

/// <summary>POST /oauth2/v1/clients: the 201 body and every metadata rule, each refused with invalid_client_metadata naming the field.</summary>
public sealed class DcrCreateTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Created_client_echoes_metadata_with_okta_ids()
    {
        var before = org.Clock.Now.ToUnixTimeSeconds();
        var body = OrgApi.ServiceClientBody("Shape check", TestKeys.PublicJwk(TestKeys.Rsa(0), "key1"));
        body["some_future_field"] = "tolerated";
        using var response = await org.Api.PostAsync("/oauth2/v1/clients", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var client = (await OrgApi.JsonAsync(response)).AsObject();
        Assert.Matches("^0oa[A-Za-z0-9]{17}$", client["client_id"]!.GetValue<string>());
        Assert.InRange(client["client_id_issued_at"]!.GetValue<long>(), before - 1, before + 1);
        Assert.Equal("Shape check", client["client_name"]!.GetValue<string>());
        Assert.Equal("service", client["application_type"]!.GetValue<string>());
        Assert.Equal("private_key_jwt", client["token_endpoint_auth_method"]!.GetValue<string>());
        Assert.Equal(["client_credentials"], client["grant_types"]!.AsArray().Select(g => g!.GetValue<string>()));
        var key = client["jwks"]!["keys"]!.AsArray().Single()!.AsObject();
        Assert.Equal("key1", key["kid"]!.GetValue<string>());
        Assert.True(key.ContainsKey("use"));
        Assert.Null(key["use"]);
        Assert.False(client.ContainsKey("client_secret"));
    }

    public static TheoryData<string, Action<JsonObject>, string> InvalidMetadata => new()
    {
        { "missing name", b => b.Remove("client_name"), "client_name" },
        { "blank name", b => b["client_name"] = "   ", "client_name" },
        { "service without client_credentials", b => b["grant_types"] = new JsonArray("password"), "grant_types" },
        { "service without grant_types (defaults to authorization_code)", b => b.Remove("grant_types"), "grant_types" },
        { "service with authorization_code", b => b["grant_types"] = new JsonArray("client_credentials", "authorization_code"), "grant_types" },
        { "service with implicit", b => b["grant_types"] = new JsonArray("client_credentials", "implicit"), "grant_types" },
        { "unknown application_type", b => b["application_type"] = "robot", "application_type" },
        { "private_key_jwt without keys", b => b.Remove("jwks"), "jwks" },
        { "private_key_jwt with empty keys", b => b["jwks"] = new JsonObject { ["keys"] = new JsonArray() }, "jwks" },
        { "RSA key under 2048 bits", b => b["jwks"] = TestKeys.Jwks(TestKeys.PublicJwk(TestKeys.Rsa1024, "small")), "jwks" },
        { "private key material", b => b["jwks"] = TestKeys.Jwks(TestKeys.PrivateJwk(TestKeys.Rsa(0), "priv")), "jwks" },
        { "duplicate kid", b => b["jwks"] = TestKeys.Jwks(TestKeys.PublicJwk(TestKeys.Rsa(0), "same"), TestKeys.PublicJwk(TestKeys.Rsa(1), "same")), "jwks" },
        { "two keys, one without kid", b => b["jwks"] = TestKeys.Jwks(TestKeys.PublicJwk(TestKeys.Rsa(0), "a"), TestKeys.PublicJwk(TestKeys.Rsa(1))), "jwks" },
        { "EC key on an unsupported curve", b => b["jwks"] = TestKeys.Jwks(WithCrv(TestKeys.PublicJwk(TestKeys.NewEc(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "ec"), "P-192")), "jwks" },
        { "EC point not on the curve", b => b["jwks"] = TestKeys.Jwks(OffCurve(TestKeys.PublicJwk(TestKeys.NewEc(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "ec"))), "jwks" },
        { "symmetric key", b => b["jwks"] = TestKeys.Jwks(new JsonObject { ["kty"] = "oct", ["kid"] = "s", ["k"] = "c2VjcmV0" }), "jwks" },
        { "both jwks and jwks_uri", b => b["jwks_uri"] = "https://example.com/jwks", "jwks" },
    };

    [Theory]
    [MemberData(nameof(InvalidMetadata))]
    public async Task Invalid_metadata_is_refused_naming_the_field(string rule, Action<JsonObject> breakIt, string field)
    {
        // The untouched body must pass: otherwise the refusal below would prove nothing about this rule.
        var good = OrgApi.ServiceClientBody("ok-" + rule, TestKeys.PublicJwk(TestKeys.Rsa(0), "key1"));
        using (var accepted = await org.Api.PostAsync("/oauth2/v1/clients", good))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        var bad = OrgApi.ServiceClientBody("bad-" + rule, TestKeys.PublicJwk(TestKeys.Rsa(0), "key1"));
        breakIt(bad);
        using var refused = await org.Api.PostAsync("/oauth2/v1/clients", bad);
        var description = await Expect.OAuthErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_client_metadata");
        Assert.StartsWith($"`{field}`", description);
        Assert.DoesNotContain(org.Emulator.State.Clients, c => c.ClientName == "bad-" + rule);
    }

    [Fact]
    public async Task Ec_key_without_crv_is_accepted_when_the_curve_can_be_inferred()
    {
        var ec = TestKeys.NewEc(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var response = await org.Api.PostAsync("/oauth2/v1/clients",
            OrgApi.ServiceClientBody("ec no crv", TestKeys.PublicJwk(ec, "ec1", includeCrv: false)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Rsa_key_of_exactly_2048_bits_is_accepted()
    {
        // Rsa(1) is 2048 bits: the limit is inclusive.
        using var response = await org.Api.PostAsync("/oauth2/v1/clients",
            OrgApi.ServiceClientBody("2048", TestKeys.PublicJwk(TestKeys.Rsa(1), "k")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static JsonObject WithCrv(JsonObject jwk, string crv)
    {
        jwk["crv"] = crv;
        return jwk;
    }

    private static JsonObject OffCurve(JsonObject jwk)
    {
        var y = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwk["y"]!.GetValue<string>());
        y[^1] ^= 0x01;
        jwk["y"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(y);
        return jwk;
    }
}
