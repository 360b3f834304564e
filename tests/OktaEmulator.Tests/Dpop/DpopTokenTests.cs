using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OktaEmulator.Tests.Dpop;

/// <summary>DPoP at the token endpoint for clients created with dpop_bound_access_tokens: proof checks and the nonce dance.</summary>
public sealed class DpopTokenTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private readonly ECDsa _dpopKey = TestKeys.NewEc(ECCurve.NamedCurves.nistP256);

    private async Task<(string AppId, SecurityKey Key)> NewDpopAppAsync()
    {
        var appId = await org.Api.CreateServiceAppAsync(true, TestKeys.PublicJwk(TestKeys.Rsa(0), "k"));
        await org.Api.GrantAsync(appId, "okta.users.read");
        return (appId, TestKeys.SigningKey(TestKeys.Rsa(0), "k"));
    }

    private Task<HttpResponseMessage> PostAsync(string appId, SecurityKey key, string? proof) =>
        org.Api.PostTokenAsync(OrgApi.TokenForm(Jwts.Assertion(appId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read"), proof);

    private async Task<string> NonceAsync(string appId, SecurityKey key)
    {
        using var challenge = await PostAsync(appId, key, Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now));
        await Expect.OAuthErrorAsync(challenge, HttpStatusCode.BadRequest, "use_dpop_nonce");
        return challenge.Headers.GetValues("DPoP-Nonce").Single();
    }

    [Fact]
    public async Task Missing_proof_is_refused()
    {
        var (appId, key) = await NewDpopAppAsync();
        using var response = await PostAsync(appId, key, proof: null);
        Assert.Equal("The DPoP proof JWT header is missing.", await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_dpop_proof"));
    }

    [Fact]
    public async Task Nonce_dance_then_a_dpop_token_bound_to_the_proof_key()
    {
        var (appId, key) = await NewDpopAppAsync();
        using var challenge = await PostAsync(appId, key, Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now));
        Assert.Equal("Authorization server requires nonce in DPoP proof.",
            await Expect.OAuthErrorAsync(challenge, HttpStatusCode.BadRequest, "use_dpop_nonce"));
        var nonce = challenge.Headers.GetValues("DPoP-Nonce").Single();

        using var wrongNonce = await PostAsync(appId, key, Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now, nonce: "stale"));
        await Expect.OAuthErrorAsync(wrongNonce, HttpStatusCode.BadRequest, "use_dpop_nonce");
        Assert.Equal(nonce, wrongNonce.Headers.GetValues("DPoP-Nonce").Single());

        using var ok = await PostAsync(appId, key, Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now, nonce));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("DPoP", (await OrgApi.JsonAsync(ok))["token_type"]!.GetValue<string>());
        Assert.NotEmpty(ok.Headers.GetValues("DPoP-Nonce").Single());
        Assert.Equal("DPoP", Assert.Single(org.Emulator.State.Tokens, t => t.ClientId == appId).TokenType);
    }

    [Fact]
    public async Task Assertion_jti_is_burned_by_the_nonce_challenge()
    {
        var (appId, key) = await NewDpopAppAsync();
        var assertion = Jwts.Assertion(appId, org.Api.TokenUrl, key, org.Clock.Now);
        using var challenge = await org.Api.PostTokenAsync(OrgApi.TokenForm(assertion, "okta.users.read"),
            Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now));
        var nonce = challenge.Headers.GetValues("DPoP-Nonce").Single();

        using var reused = await org.Api.PostTokenAsync(OrgApi.TokenForm(assertion, "okta.users.read"),
            Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now, nonce));
        Assert.Equal("The client_assertion token has already been used.", await Expect.OAuthErrorAsync(reused, HttpStatusCode.Unauthorized, "invalid_client"));
    }

    public static TheoryData<string, string> BrokenProofs => new()
    {
        { "typ", "'typ' must be 'dpop+jwt'" },
        { "no jwk", "'jwk'" },
        { "htm", "'htm' claim in the DPoP proof JWT is invalid." },
        { "htu", "'htu' claim in the DPoP proof JWT is invalid." },
        { "htu with query", "'htu' claim in the DPoP proof JWT is invalid." },
        { "old iat", "The DPoP proof JWT was issued more than five minutes in the past." },
        { "future iat", "The DPoP proof JWT was issued in the future." },
        { "no jti", "'jti' claim in the DPoP proof JWT is invalid." },
        { "bad signature", "The DPoP proof JWT signature is invalid." },
    };

    [Theory]
    [MemberData(nameof(BrokenProofs))]
    public async Task Broken_proof_is_refused(string broken, string description)
    {
        var (appId, key) = await NewDpopAppAsync();
        var nonce = await NonceAsync(appId, key);
        var now = org.Clock.Now;
        var url = org.Api.TokenUrl;
        var proof = broken switch
        {
            "typ" => Jwts.DpopProof(_dpopKey, "POST", url, now, nonce, typ: "JWT"),
            "no jwk" => Jwts.DpopProof(_dpopKey, "POST", url, now, nonce, includeJwk: false),
            "htm" => Jwts.DpopProof(_dpopKey, "GET", url, now, nonce),
            "htu" => Jwts.DpopProof(_dpopKey, "POST", org.Api.OrgUrl + "/oauth2/default/v1/token", now, nonce),
            "htu with query" => Jwts.DpopProof(_dpopKey, "POST", url + "?x=1", now, nonce),
            "old iat" => Jwts.DpopProof(_dpopKey, "POST", url, now.AddMinutes(-6), nonce),
            "future iat" => Jwts.DpopProof(_dpopKey, "POST", url, now.AddMinutes(1), nonce),
            "no jti" => Jwts.DpopProof(_dpopKey, "POST", url, now, nonce, edit: p => p.Remove("jti")),
            "bad signature" => Tamper(Jwts.DpopProof(_dpopKey, "POST", url, now, nonce)),
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        using var response = await PostAsync(appId, key, proof);
        Assert.Contains(description, await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_dpop_proof"));

        // The same request with a good proof goes through: the refusal was about the proof alone.
        using var ok = await PostAsync(appId, key, Jwts.DpopProof(_dpopKey, "POST", url, now, nonce));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Proof_jti_is_single_use()
    {
        var (appId, key) = await NewDpopAppAsync();
        var nonce = await NonceAsync(appId, key);
        var proof = Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now, nonce);
        using var first = await PostAsync(appId, key, proof);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await PostAsync(appId, key, proof);
        Assert.Equal("The DPoP proof JWT has already been used.", await Expect.OAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_dpop_proof"));
    }

    [Fact]
    public async Task Non_dpop_client_ignores_a_dpop_header_and_gets_a_bearer_token()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        using var response = await org.Api.PostTokenAsync(OrgApi.TokenForm(Jwts.Assertion(clientId, org.Api.TokenUrl, key, org.Clock.Now), "okta.users.read"),
            Jwts.DpopProof(_dpopKey, "POST", org.Api.TokenUrl, org.Clock.Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", (await OrgApi.JsonAsync(response))["token_type"]!.GetValue<string>());
    }

    /// <summary>Flips a byte of the signature.</summary>
    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[0] ^= 0xFF;
        return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
    }
}
