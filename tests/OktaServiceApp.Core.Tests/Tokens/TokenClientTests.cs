using OktaServiceApp.Core.Tests.Keys;
using OktaServiceApp.Core.Tests.Support;
using System.Net;
using System.Text;
using System.Text.Json;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tests.Http;
using OktaServiceApp.Core.Sharing;
using OktaServiceApp.Core.Tokens;
using Xunit;

namespace OktaServiceApp.Core.Tests.Tokens;

/// <summary>JWT and form helpers for token tests. Each test uses its own org and client id: the token cache, the DPoP
/// client set and the nonces are per process.</summary>
internal static class TokenTestKit
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);

    public static Uri NewOrg() => new($"https://t{Guid.NewGuid():N}.okta.com");

    public static string NewClientId() => "0oa" + Guid.NewGuid().ToString("N").Substring(0, 17);

    public static Dictionary<string, string> Form(string body) =>
        body.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(new[] { '=' }, 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')),
                p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));

    public static JsonElement JwtPart(string jwt, int part)
    {
        var segment = jwt.Split('.')[part].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '=');
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(segment)));
        return document.RootElement.Clone();
    }

    public static HttpResponseMessage Token(string value, string type = "Bearer", int expiresIn = 3600,
        string scope = "okta.apps.read", params (string, string)[] headers) =>
        Respond.Json(HttpStatusCode.OK,
            $"{{\"token_type\":\"{type}\",\"expires_in\":{expiresIn},\"access_token\":\"{value}\",\"scope\":\"{scope}\"}}", headers);

    public static HttpResponseMessage OAuthError(HttpStatusCode status, string error, string description,
        params (string, string)[] headers) =>
        Respond.Json(status, $"{{\"error\":\"{error}\",\"error_description\":\"{description}\"}}", headers);

    public static TokenClient Create(Uri org, StubHandler handler, Func<DateTimeOffset>? clock = null, OktaRegistry? registry = null)
    {
        var options = new OktaClientOptions(org) { Handler = handler, Clock = clock ?? (() => T0) };
        var tokens = new TokenClient(options, registry ?? new OktaRegistry());
        tokens.Http.DelayAsync = (_, token) =>
        {
            token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };
        return tokens;
    }
}

public sealed class TokenClientTests : IDisposable
{
    private readonly OktaRegistry _registry = new();
    // RSA so that the token flow also runs under Mono, which has no ECDsa; importing skips a slow RSA generation there.
    private readonly SigningKey _key = SigningKey.Import(TestKeys.RsaPkcs1Pem, keyId: "kid-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task Token_BearerAppCostsOnePostWithASignedAssertion()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        var handler = new StubHandler((_, _) => TokenTestKit.Token("at-1", scope: "okta.apps.read okta.users.read"));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var token = await tokens.GetAsync(clientId, _key, new[] { "okta.users.read", "okta.apps.read" }, false, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(org.GetLeftPart(UriPartial.Authority) + "/oauth2/v1/token", request.Uri.AbsoluteUri);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Null(request.Header("DPoP"));
        Assert.Null(request.Header("Authorization"));
        var form = TokenTestKit.Form(request.Body);
        Assert.Equal(new[] { "grant_type", "scope", "client_assertion_type", "client_assertion" }, form.Keys);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("okta.apps.read okta.users.read", form["scope"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var claims = TokenTestKit.JwtPart(form["client_assertion"], 1);
        Assert.Equal(clientId, claims.GetProperty("iss").GetString());
        Assert.Equal(clientId, claims.GetProperty("sub").GetString());
        Assert.Equal(org.GetLeftPart(UriPartial.Authority) + "/oauth2/v1/token", claims.GetProperty("aud").GetString());
        Assert.Equal("kid-1", TokenTestKit.JwtPart(form["client_assertion"], 0).GetProperty("kid").GetString());

        Assert.Equal("at-1", token.Value);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(TokenTestKit.T0.AddHours(1), token.ExpiresOn);
        Assert.Equal(new[] { "okta.apps.read", "okta.users.read" }, token.Scopes);
        Assert.Equal(clientId, token.ClientId);
        Assert.Null(token.DpopKey);
    }

    [Fact]
    public async Task Token_EveryPostSignsANewAssertionIncluding429Retries()
    {
        var org = TokenTestKit.NewOrg();
        var handler = StubHandler.Sequence(
            () => Respond.Json((HttpStatusCode)429, Respond.OktaError429,
                Respond.RateLimit(10, 0, TokenTestKit.T0.AddSeconds(1), TokenTestKit.T0)),
            () => Respond.Json((HttpStatusCode)503, "{}"),
            () => TokenTestKit.Token("at-2"));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);
        
        await tokens.GetAsync(TokenTestKit.NewClientId(), _key, new[] { "okta.apps.read" }, false, CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        var jtis = handler.Requests
            .Select(r => TokenTestKit.JwtPart(TokenTestKit.Form(r.Body)["client_assertion"], 1).GetProperty("jti").GetString())
            .ToList();
        Assert.Equal(3, jtis.Distinct().Count());
        Assert.Equal(3, _registry.TokenRequestsSent);
    }

    [Fact]
    public async Task Token_IsCachedPerScopeSetAndKey()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        var n = 0;
        var handler = new StubHandler((_, _) => TokenTestKit.Token("at-" + Interlocked.Increment(ref n)));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var first = await tokens.GetAsync(clientId, _key, new[] { "okta.apps.read", "okta.users.read" }, false, CancellationToken.None);
        var second = await tokens.GetAsync(clientId, _key, new[] { "okta.users.read", "okta.apps.read", "okta.users.read" }, false,
            CancellationToken.None);
        var otherTokens = TokenTestKit.Create(org, handler, registry: _registry);
        var third = await otherTokens.GetAsync(clientId, _key, new[] { "okta.apps.read", "okta.users.read" }, false, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Single(handler.Requests);

        await tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, false, CancellationToken.None);
        using var otherKey = SigningKey.Generate("RS256");
        await tokens.GetAsync(clientId, otherKey, new[] { "okta.apps.read", "okta.users.read" }, false, CancellationToken.None);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Token_IsRefreshedFiveMinutesBeforeExpiry()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        var now = TokenTestKit.T0;
        var n = 0;
        var handler = new StubHandler((_, _) => TokenTestKit.Token("at-" + Interlocked.Increment(ref n)));
        var tokens = TokenTestKit.Create(org, handler, () => now, _registry);
        var scopes = new[] { "okta.apps.read" };

        var first = await tokens.GetAsync(clientId, _key, scopes, false, CancellationToken.None);
        now = TokenTestKit.T0.AddMinutes(55).AddSeconds(-1);
        Assert.Same(first, await tokens.GetAsync(clientId, _key, scopes, false, CancellationToken.None));

        now = TokenTestKit.T0.AddMinutes(55);
        var refreshed = await tokens.GetAsync(clientId, _key, scopes, false, CancellationToken.None);

        Assert.Equal("at-2", refreshed.Value);
        Assert.Equal(now.AddHours(1), refreshed.ExpiresOn);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Token_ForceRefreshPostsAgain()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        var n = 0;
        var handler = new StubHandler((_, _) => TokenTestKit.Token("at-" + Interlocked.Increment(ref n)));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        await tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, false, CancellationToken.None);
        var forced = await tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, true, CancellationToken.None);

        Assert.Equal("at-2", forced.Value);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Token_ConcurrentCallersShareOnePost()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        var handler = new StubHandler(async (_, _, _) =>
        {
            await Task.Delay(50);
            return TokenTestKit.Token("at-shared");
        });
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, false, CancellationToken.None)));

        Assert.All(all, t => Assert.Equal("at-shared", t.Value));
        Assert.Single(handler.Requests);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task Dpop_DiscoveredNeedCostsThreePostsThenOne()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        var handler = new StubHandler((request, index) => (index, request.Header("DPoP")) switch
        {
            (0, null) => TokenTestKit.OAuthError(HttpStatusCode.BadRequest, "invalid_dpop_proof", "The DPoP proof JWT header is missing."),
            (1, not null) => TokenTestKit.OAuthError(HttpStatusCode.BadRequest, "use_dpop_nonce",
                "Authorization server requires nonce in DPoP proof.", ("DPoP-Nonce", "nonce-1")),
            (2, not null) => TokenTestKit.Token("at-dpop", "DPoP", headers: ("DPoP-Nonce", "nonce-2")),
            (3, not null) => TokenTestKit.Token("at-dpop-2", "DPoP"),
            _ => TokenTestKit.OAuthError(HttpStatusCode.BadRequest, "invalid_request", "unexpected request"),
        });
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var token = await tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, false, CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("DPoP", token.TokenType);
        Assert.NotNull(token.DpopKey);
        var proof1 = handler.Requests[1].Header("DPoP")!;
        var proof2 = handler.Requests[2].Header("DPoP")!;
        Assert.False(TokenTestKit.JwtPart(proof1, 1).TryGetProperty("nonce", out _));
        Assert.Equal("nonce-1", TokenTestKit.JwtPart(proof2, 1).GetProperty("nonce").GetString());
        Assert.Equal("POST", TokenTestKit.JwtPart(proof2, 1).GetProperty("htm").GetString());
        Assert.Equal(org.GetLeftPart(UriPartial.Authority) + "/oauth2/v1/token", TokenTestKit.JwtPart(proof2, 1).GetProperty("htu").GetString());
        Assert.NotEqual(TokenTestKit.JwtPart(proof1, 1).GetProperty("jti").GetString(), TokenTestKit.JwtPart(proof2, 1).GetProperty("jti").GetString());
        Assert.Equal(TokenTestKit.JwtPart(proof1, 0).GetProperty("jwk").GetRawText(), TokenTestKit.JwtPart(proof2, 0).GetProperty("jwk").GetRawText());
        var assertionJtis = handler.Requests
            .Select(r => TokenTestKit.JwtPart(TokenTestKit.Form(r.Body)["client_assertion"], 1).GetProperty("jti").GetString())
            .Distinct();
        Assert.Equal(3, assertionJtis.Count());
        Assert.True(_registry.RequiresDpop(org, clientId));

        // Known need and a current nonce: one POST, with the latest nonce from the success answer.
        var second = await tokens.GetAsync(clientId, _key, new[] { "okta.users.read" }, false, CancellationToken.None);
        Assert.Equal("at-dpop-2", second.Value);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal("nonce-2", TokenTestKit.JwtPart(handler.Requests[3].Header("DPoP")!, 1).GetProperty("nonce").GetString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task Dpop_KnownNeedCostsAtMostTwoPosts()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        _registry.MarkRequiresDpop(org, clientId);
        var handler = StubHandler.Sequence(
            () => TokenTestKit.OAuthError(HttpStatusCode.BadRequest, "use_dpop_nonce",
                "Authorization server requires nonce in DPoP proof.", ("DPoP-Nonce", "n-A")),
            () => TokenTestKit.Token("at-x", "DPoP"));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var token = await tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, false, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.NotNull(r.Header("DPoP")));
        Assert.Equal("DPoP", token.TokenType);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task Dpop_SecondNonceChallengeIsAnError()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        _registry.MarkRequiresDpop(org, clientId);
        var handler = new StubHandler((_, index) => TokenTestKit.OAuthError(HttpStatusCode.BadRequest, "use_dpop_nonce",
            "Authorization server requires nonce in DPoP proof.", ("DPoP-Nonce", "n-" + index)));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, false, CancellationToken.None));

        Assert.Equal("use_dpop_nonce", ex.OAuthError);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task Dpop_BearerAnswerToAProofDropsTheKey()
    {
        var org = TokenTestKit.NewOrg();
        var clientId = TokenTestKit.NewClientId();
        _registry.MarkRequiresDpop(org, clientId);
        var handler = new StubHandler((_, _) => TokenTestKit.Token("at-b"));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var token = await tokens.GetAsync(clientId, _key, new[] { "okta.apps.read" }, false, CancellationToken.None);

        Assert.Equal("Bearer", token.TokenType);
        Assert.Null(token.DpopKey);
        Assert.NotNull(handler.Requests[0].Header("DPoP"));
    }

    [Theory]
    [InlineData(401, "invalid_client", "The client_assertion token has already been used.", OktaErrorKind.Unauthorized)]
    [InlineData(400, "invalid_scope", "The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.", OktaErrorKind.BadRequest)]
    [InlineData(400, "consent_required", "You are not allowed any of the requested scopes.", OktaErrorKind.BadRequest)]
    [InlineData(400, "unauthorized_client", "The client is not authorized to use the provided grant type.", OktaErrorKind.BadRequest)]
    public async Task Token_ErrorsCarryTheOAuthErrorAndNoSecret(int status, string error, string description, OktaErrorKind kind)
    {
        var org = TokenTestKit.NewOrg();
        var handler = new StubHandler((_, _) => TokenTestKit.OAuthError((HttpStatusCode)status, error, description));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            tokens.GetAsync(TokenTestKit.NewClientId(), _key, new[] { "okta.apps.read" }, false, CancellationToken.None));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(error, ex.OAuthError);
        Assert.Equal(description, ex.OAuthErrorDescription);
        Assert.Single(handler.Requests);
        var assertion = TokenTestKit.Form(handler.Requests[0].Body)["client_assertion"];
        Assert.DoesNotContain(assertion, ex.ToString());
        Assert.DoesNotContain(assertion.Split('.')[2], ex.ToString());
    }

    [Fact]
    public async Task Token_MalformedAnswerIsMalformedResponse()
    {
        var org = TokenTestKit.NewOrg();
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{\"token_type\":\"Bearer\"}"));
        var tokens = TokenTestKit.Create(org, handler, registry: _registry);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            tokens.GetAsync(TokenTestKit.NewClientId(), _key, new[] { "okta.apps.read" }, false, CancellationToken.None));

        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
    }

    [Fact]
    public async Task Token_NeedsScopes()
    {
        var tokens = TokenTestKit.Create(TokenTestKit.NewOrg(), new StubHandler((_, _) => TokenTestKit.Token("x")));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            tokens.GetAsync(TokenTestKit.NewClientId(), _key, Array.Empty<string>(), false, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            tokens.GetAsync(TokenTestKit.NewClientId(), _key, new[] { "a b" }, false, CancellationToken.None));
    }
}
