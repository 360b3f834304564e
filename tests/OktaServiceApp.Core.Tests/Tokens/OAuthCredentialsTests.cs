using OktaServiceApp.Core.Tests.Keys;
using OktaServiceApp.Core.Tests.Support;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tests.Http;
using OktaServiceApp.Core.Tokens;
using Xunit;

namespace OktaServiceApp.Core.Tests.Tokens;

public sealed class OAuthCredentialsTests : IDisposable
{
    private readonly Core.Sharing.OktaRegistry _registry = new();
    // RSA so that these also run under Mono, which has no ECDsa; importing skips a slow RSA generation there.
    private readonly SigningKey _key = SigningKey.Import(TestKeys.RsaPkcs1Pem);

    public void Dispose() => _key.Dispose();

    private static bool IsToken(RecordedRequest request) => request.Uri.AbsolutePath == "/oauth2/v1/token";

    private (OktaClient Client, OAuthCredentials Credentials) Connect(Uri org, StubHandler handler, string clientId,
        Func<DateTimeOffset>? clock = null)
    {
        var tokens = TokenTestKit.Create(org, handler, clock, _registry);
        var credentials = new OAuthCredentials(tokens, clientId, _key, new[] { "okta.apps.read" });
        var client = TestClients.Create(handler, o => o.Clock = clock ?? (() => TokenTestKit.T0), credentials: credentials, org: org);
        return (client, credentials);
    }

    [Fact]
    public async Task Apply_BearerTokenGoesInTheAuthorizationHeader()
    {
        var org = TokenTestKit.NewOrg();
        var handler = new StubHandler((request, _) => IsToken(request)
            ? TokenTestKit.Token("bearer-at")
            : Respond.Json(HttpStatusCode.OK, "[]"));
        var (client, credentials) = Connect(org, handler, TokenTestKit.NewClientId());
        using var _ = client;

        Assert.Null(credentials.TokenExpiresOn);
        await client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps") { RetryFaults = true }, CancellationToken.None);

        var call = handler.Requests.Single(r => !IsToken(r));
        Assert.Equal("Bearer bearer-at", call.Header("Authorization"));
        Assert.Null(call.Header("DPoP"));
        Assert.Equal(TokenTestKit.T0.AddHours(1), credentials.TokenExpiresOn);
        Assert.Equal("PrivateKey", credentials.Mode);
        Assert.DoesNotContain("bearer-at", credentials.ToString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task Apply_DpopTokenSendsAFreshProofWithAthPerAttempt()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        _registry.MarkRequiresDpop(org, clientId);
        var resourceCalls = 0;
        var handler = new StubHandler((request, _) =>
        {
            if (IsToken(request))
            {
                return TokenTestKit.Token("dpop-at", "DPoP", headers: ("DPoP-Nonce", "org-nonce"));
            }

            return ++resourceCalls == 1
                ? Respond.Json((HttpStatusCode)503, "{}")
                : Respond.Json(HttpStatusCode.OK, "[]");
        });
        var (client, _) = Connect(org, handler, clientId);
        using var __ = client;

        await client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps/0oa1/grants?expand=scope") { RetryFaults = true },
            CancellationToken.None);

        var calls = handler.Requests.Where(r => !IsToken(r)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("DPoP dpop-at", c.Header("Authorization")));
        var claims = calls.Select(c => TokenTestKit.JwtPart(c.Header("DPoP")!, 1)).ToList();
        Assert.Equal("GET", claims[0].GetProperty("htm").GetString());
        Assert.Equal(org.GetLeftPart(UriPartial.Authority) + "/api/v1/apps/0oa1/grants", claims[0].GetProperty("htu").GetString());
        var expectedAth = Convert.ToBase64String(Sha256(Encoding.ASCII.GetBytes("dpop-at")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expectedAth, claims[0].GetProperty("ath").GetString());
        Assert.Equal("org-nonce", claims[0].GetProperty("nonce").GetString());
        Assert.NotEqual(claims[0].GetProperty("jti").GetString(), claims[1].GetProperty("jti").GetString());
    }

    [Fact]
    public async Task OnResponse_ExpiredTokenIsRefreshedOnceAndTheCallSentAgain()
    {
        var org = TokenTestKit.NewOrg();
        var tokenPosts = 0;
        var handler = new StubHandler((request, _) =>
        {
            if (IsToken(request))
            {
                return TokenTestKit.Token("at-" + Interlocked.Increment(ref tokenPosts));
            }

            return request.Header("Authorization") == "Bearer at-1"
                ? Respond.Empty(HttpStatusCode.Unauthorized, ("WWW-Authenticate",
                    "Bearer realm=\"IdpMyAccountAPI\", error=\"invalid_token\", error_description=\"The token has expired.\""))
                : Respond.Json(HttpStatusCode.OK, "[]");
        });
        var (client, credentials) = Connect(org, handler, TokenTestKit.NewClientId());
        using var _ = client;

        await client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps") { RetryFaults = true }, CancellationToken.None);
        await client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps") { RetryFaults = true }, CancellationToken.None);

        Assert.Equal(2, tokenPosts);
        var calls = handler.Requests.Where(r => !IsToken(r)).Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(new[] { "Bearer at-1", "Bearer at-2", "Bearer at-2" }, calls);
    }

    [Fact]
    public async Task OnResponse_OtherUnauthorizedAnswersAreNotRetried()
    {
        var org = TokenTestKit.NewOrg();
        var handler = new StubHandler((request, _) => IsToken(request)
            ? TokenTestKit.Token("at-1")
            : Respond.Json(HttpStatusCode.Unauthorized,
                "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorCauses\":[]}"));
        var (client, _) = Connect(org, handler, TokenTestKit.NewClientId());
        using var __ = client;

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps") { RetryFaults = true }, CancellationToken.None));

        Assert.Equal(OktaErrorKind.Unauthorized, ex.Kind);
        Assert.Single(handler.Requests, r => !IsToken(r));
        Assert.DoesNotContain("at-1", ex.ToString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task OnResponse_ResourceNonceChallengeIsAnsweredWithTheNonce()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        _registry.MarkRequiresDpop(org, clientId);
        var handler = new StubHandler((request, _) =>
        {
            if (IsToken(request))
            {
                return TokenTestKit.Token("dpop-at", "DPoP");
            }

            var proof = TokenTestKit.JwtPart(request.Header("DPoP")!, 1);
            return proof.TryGetProperty("nonce", out var nonce) && nonce.GetString() == "resource-nonce"
                ? Respond.Json(HttpStatusCode.OK, "{}")
                : Respond.Empty(HttpStatusCode.Unauthorized,
                    ("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\""),
                    ("DPoP-Nonce", "resource-nonce"));
        });
        var (client, _) = Connect(org, handler, clientId);
        using var __ = client;

        await client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/users/me"), CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count(r => !IsToken(r)));
    }

    [Fact]
    public async Task EnsureToken_GetsATokenEagerly()
    {
        var org = TokenTestKit.NewOrg();
        var handler = new StubHandler((_, _) => TokenTestKit.Token("eager"));
        var tokens = TokenTestKit.Create(org, handler);
        var credentials = new OAuthCredentials(tokens, TokenTestKit.NewClientId(), _key, new[] { "okta.apps.read" });

        var token = await credentials.EnsureTokenAsync(CancellationToken.None);

        Assert.Equal("eager", token.Value);
        Assert.Single(handler.Requests);
        Assert.Equal(new[] { "okta.apps.read" }, credentials.Scopes);
    }

    // SHA256.HashData is .NET 5+; the net472 build runs under Mono.
    private static byte[] Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }
}
