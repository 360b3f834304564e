using Microsoft.IdentityModel.Tokens;

namespace OktaEmulator.Tests.Token;

/// <summary>private_key_jwt: each rule of the client assertion, a good assertion first, then the broken one.</summary>
public sealed class ClientAssertionTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private async Task<string> DescribeRefusalAsync(string clientId, SecurityKey key, Action<JsonObject>? edit = null,
        string alg = SecurityAlgorithms.RsaSha256, string scope = "okta.users.read")
    {
        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now, alg, edit), scope));
        return await Expect.OAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    private async Task AssertAcceptedAsync(string clientId, SecurityKey key, Action<JsonObject>? edit = null, string alg = SecurityAlgorithms.RsaSha256)
    {
        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(
            Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now, alg, edit), "okta.users.read"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Algorithm_must_be_RS_or_ES()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        await AssertAcceptedAsync(clientId, key, alg: SecurityAlgorithms.RsaSha512);
        Assert.Equal("The client_assertion JWT signature algorithm is invalid.",
            await DescribeRefusalAsync(clientId, key, alg: SecurityAlgorithms.RsaSsaPssSha256));
    }

    [Fact]
    public async Task Ec_keys_sign_with_ES256()
    {
        var ec = TestKeys.NewEc(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(ec, "ec1"));
        await org.Api.GrantAsync(clientId, "okta.users.read");
        await AssertAcceptedAsync(clientId, TestKeys.SigningKey(ec, "ec1"), alg: SecurityAlgorithms.EcdsaSha256);
    }

    [Fact]
    public async Task Kid_is_required_when_more_than_one_key_is_active_and_must_match()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0), "a"), TestKeys.PublicJwk(TestKeys.Rsa(1), "b"));
        await org.Api.GrantAsync(clientId, "okta.users.read");
        await AssertAcceptedAsync(clientId, TestKeys.SigningKey(TestKeys.Rsa(1), "b"));

        Assert.Equal("The client_assertion JWT kid is invalid.", await DescribeRefusalAsync(clientId, TestKeys.SigningKey(TestKeys.Rsa(1))));
        Assert.Equal("The client_assertion JWT kid is invalid.", await DescribeRefusalAsync(clientId, TestKeys.SigningKey(TestKeys.Rsa(1), "c")));
    }

    [Fact]
    public async Task Signature_must_verify_with_the_registered_key()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        await AssertAcceptedAsync(clientId, key);
        Assert.Equal("The client_assertion signature is invalid.", await DescribeRefusalAsync(clientId, TestKeys.SigningKey(TestKeys.Rsa(2))));
    }

    [Fact]
    public async Task Iss_and_sub_must_both_be_the_client_id()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        Assert.Equal("The subject claim for client_assertion is not a valid client_id.",
            await DescribeRefusalAsync(clientId, key, p => p["sub"] = "someone-else"));
        Assert.Equal("Invalid value for 'client_id' parameter.",
            await DescribeRefusalAsync(clientId, key, p => { p["iss"] = "0oaUnknown00000000000"; p["sub"] = "0oaUnknown00000000000"; }));
    }

    [Fact]
    public async Task Audience_must_be_exactly_the_token_endpoint()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        const string expected = "The audience claim for client_assertion must be the endpoint invoked for the request.";
        Assert.Equal(expected, await DescribeRefusalAsync(clientId, key, p => p["aud"] = org.Api.OrgUrl));
        Assert.Equal(expected, await DescribeRefusalAsync(clientId, key, p => p["aud"] = org.Api.TokenUrl + "/"));
        Assert.Equal(expected, await DescribeRefusalAsync(clientId, key, p => p["aud"] = org.Api.OrgUrl + "/oauth2/default/v1/token"));
    }

    [Fact]
    public async Task Exp_is_required_not_past_and_at_most_an_hour_ahead()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var now = org.Clock.Now;
        await AssertAcceptedAsync(clientId, key, p => p["exp"] = now.AddMinutes(60).ToUnixTimeSeconds());

        Assert.Contains("'exp'", await DescribeRefusalAsync(clientId, key, p => p.Remove("exp")));
        Assert.Equal("The client_assertion token is expired.",
            await DescribeRefusalAsync(clientId, key, p => p["exp"] = now.AddSeconds(-30).ToUnixTimeSeconds()));
        Assert.Equal("The client_assertion token has an expiration too far into the future.",
            await DescribeRefusalAsync(clientId, key, p => p["exp"] = now.AddMinutes(61).ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Iat_must_not_be_in_the_future()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var now = org.Clock.Now;
        await AssertAcceptedAsync(clientId, key, p => p["iat"] = now.AddSeconds(3).ToUnixTimeSeconds());
        Assert.Equal("The client_assertion token must be issued before the current time.",
            await DescribeRefusalAsync(clientId, key, p => p["iat"] = now.AddMinutes(2).ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Jti_is_single_use()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var assertion = Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now);
        using var first = await org.Api.PostTokenAsync(OrgApi.TokenForm(assertion, "okta.users.read"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var replaysBefore = org.Emulator.State.AssertionJtiReplays;
        using var second = await org.Api.PostTokenAsync(OrgApi.TokenForm(assertion, "okta.users.read"));
        Assert.Equal("The client_assertion token has already been used.", await Expect.OAuthErrorAsync(second, HttpStatusCode.Unauthorized, "invalid_client"));
        Assert.Equal(replaysBefore + 1, org.Emulator.State.AssertionJtiReplays);
    }

    [Fact]
    public async Task Jti_is_burned_even_when_the_request_fails_later()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var assertion = Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now);

        using var failed = await org.Api.PostTokenAsync(OrgApi.TokenForm(assertion, "okta.groups.read"));
        await Expect.OAuthErrorAsync(failed, HttpStatusCode.BadRequest, "consent_required");

        using var retried = await org.Api.PostTokenAsync(OrgApi.TokenForm(assertion, "okta.users.read"));
        Assert.Equal("The client_assertion token has already been used.", await Expect.OAuthErrorAsync(retried, HttpStatusCode.Unauthorized, "invalid_client"));
    }
}
