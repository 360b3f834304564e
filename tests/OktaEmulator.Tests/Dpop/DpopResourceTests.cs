using System.Security.Cryptography;

namespace OktaEmulator.Tests.Dpop;

/// <summary>Calling the management API with a DPoP-bound token: scheme, proof, ath, key binding; and a Bearer token under the DPoP scheme.</summary>
public sealed class DpopResourceTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private const string Algs = "DPoP algs=\"RS256 RS384 RS512 ES256 ES384 ES512\"";
    private readonly ECDsa _dpopKey = TestKeys.NewEc(ECCurve.NamedCurves.nistP256);

    private string UsersUrl => org.Api.OrgUrl + "/api/v1/users";

    private async Task<string> DpopTokenAsync()
    {
        var appId = await org.Api.CreateServiceAppAsync(true, TestKeys.PublicJwk(TestKeys.Rsa(0), "k"));
        await org.Api.GrantAsync(appId, "okta.users.read");
        return await org.Api.GetTokenAsync(appId, TestKeys.SigningKey(TestKeys.Rsa(0), "k"), "okta.users.read", _dpopKey);
    }

    [Fact]
    public async Task Dpop_token_with_a_matching_proof_lists_users()
    {
        var token = await DpopTokenAsync();
        using var response = await org.Api.GetAsync("/api/v1/users?limit=1", "DPoP " + token,
            Jwts.DpopProof(_dpopKey, "GET", UsersUrl, org.Clock.Now, accessToken: token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await OrgApi.JsonAsync(response)).AsArray());
    }

    [Fact]
    public async Task Dpop_token_sent_as_bearer_is_refused()
    {
        var token = await DpopTokenAsync();
        using var response = await org.Api.GetAsync("/api/v1/users", "Bearer " + token);
        Assert.Equal("The resource request requires a DPoP proof.", await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request"));
    }

    [Fact]
    public async Task Bearer_token_sent_with_the_dpop_scheme_is_refused()
    {
        var (clientId, key) = await org.Api.NewServiceClientAsync("okta.users.read");
        var token = await org.Api.GetTokenAsync(clientId, key, "okta.users.read");
        using var ok = await org.Api.GetAsync("/api/v1/users", "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var response = await org.Api.GetAsync("/api/v1/users", "DPoP " + token, Jwts.DpopProof(_dpopKey, "GET", UsersUrl, org.Clock.Now, accessToken: token));
        Assert.Equal("The presented access_token is not DPoP bound.", await Expect.OAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token"));
    }

    public static TheoryData<string, string> BrokenProofs => new()
    {
        { "missing", "The DPoP proof JWT header is missing." },
        { "ath of another token", "'ath' claim in the DPoP proof does not match the presented access_token." },
        { "no ath", "'ath' claim in the DPoP proof does not match the presented access_token." },
        { "htm lowercase", "'htm' claim in the DPoP proof JWT is invalid." },
        { "htu of another path", "'htu' claim in the DPoP proof JWT is invalid." },
        { "htu of another port", "'htu' claim in the DPoP proof JWT is invalid." },
        { "another key", "The access_token is not bound to the provided DPoP proof." },
        { "stale", "The DPoP proof JWT was issued more than five minutes in the past." },
        { "typ", "The DPoP proof JWT header 'typ' must be 'dpop+jwt'." },
        { "no jwk", "The DPoP proof JWT header must contain a 'jwk' JSON object." },
        { "future iat", "The DPoP proof JWT was issued in the future." },
        { "bad signature", "The DPoP proof JWT signature is invalid." },
    };

    [Theory]
    [MemberData(nameof(BrokenProofs))]
    public async Task Broken_proof_is_400_invalid_dpop_proof_with_www_authenticate(string broken, string description)
    {
        var token = await DpopTokenAsync();
        var now = org.Clock.Now;
        var otherPort = new UriBuilder(UsersUrl) { Port = org.Emulator.OrgUrl.Port == 1 ? 2 : 1 }.Uri.ToString().TrimEnd('/');
        var proof = broken switch
        {
            "missing" => null,
            "ath of another token" => Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now, accessToken: token + "x"),
            "no ath" => Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now),
            "htm lowercase" => Jwts.DpopProof(_dpopKey, "get", UsersUrl, now, accessToken: token),
            "htu of another path" => Jwts.DpopProof(_dpopKey, "GET", org.Api.OrgUrl + "/api/v1/apps", now, accessToken: token),
            "htu of another port" => Jwts.DpopProof(_dpopKey, "GET", otherPort, now, accessToken: token),
            "another key" => Jwts.DpopProof(TestKeys.NewEc(ECCurve.NamedCurves.nistP256), "GET", UsersUrl, now, accessToken: token),
            "stale" => Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now.AddMinutes(-6), accessToken: token),
            "typ" => Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now, accessToken: token, typ: "jwt"),
            "no jwk" => Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now, accessToken: token, includeJwk: false),
            "future iat" => Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now.AddSeconds(30), accessToken: token),
            "bad signature" => Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now, accessToken: token) + "AA",
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        using var response = await org.Api.GetAsync("/api/v1/users", "DPoP " + token, proof);
        Assert.Equal(description, await Expect.OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_dpop_proof"));
        var challenge = Expect.Header(response, "WWW-Authenticate");
        Assert.StartsWith(Algs, challenge);
        Assert.Contains("error=\"invalid_dpop_proof\"", challenge);
        Assert.Contains($"error_description=\"{description}\"", challenge);

        using var ok = await org.Api.GetAsync("/api/v1/users", "DPoP " + token, Jwts.DpopProof(_dpopKey, "GET", UsersUrl, now, accessToken: token));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Resource_proof_jti_is_single_use()
    {
        var token = await DpopTokenAsync();
        var proof = Jwts.DpopProof(_dpopKey, "GET", UsersUrl, org.Clock.Now, accessToken: token);
        using var first = await org.Api.GetAsync("/api/v1/users", "DPoP " + token, proof);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await org.Api.GetAsync("/api/v1/users", "DPoP " + token, proof);
        Assert.Equal("The DPoP proof JWT has already been used.", await Expect.OAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_dpop_proof"));
    }

    [Fact]
    public void Emulator_thumbprint_matches_identity_model()
    {
        var jwk = TestKeys.PublicJwk(_dpopKey);
        Assert.Equal(Jwts.Thumbprint(_dpopKey), OktaEmulator.Dpop.JwkThumbprint.Compute(jwk));
    }
}
