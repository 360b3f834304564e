using OktaServiceApp.Core.Tests.Support;
using System.Net;
using System.Text.Json;
using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tests.Http;
using OktaServiceApp.Core.Tokens;
using Xunit;

namespace OktaServiceApp.Core.Tests.Apps;

public sealed class ServiceAppClientTests
{
    private static readonly PublicJwk Key1 = new() { Kty = "RSA", Kid = "key1", E = "AQAB", N = "AJncrKuine49_CEVR4GPn" };

    private static string DcrClientJson(string clientId, string name, string kid, string type = "service",
        string grant = "client_credentials") =>
        $$$"""
        {"client_id":"{{{clientId}}}","client_id_issued_at":1570131438,"client_name":"{{{name}}}","client_uri":null,"logo_uri":null,
         "redirect_uris":[],"response_types":["token"],"grant_types":["{{{grant}}}"],"token_endpoint_auth_method":"private_key_jwt",
         "application_type":"{{{type}}}","jwks":{"keys":[{"kty":"RSA","kid":"{{{kid}}}","use":null,"e":"AQAB","n":"AJncrKuine49_CEVR4GPn"}]}}
        """;

    [Fact]
    public async Task Create_DcrBodyIsExactlyTheSeedShape()
    {
        var handler = new StubHandler((_, _) =>
            Respond.Json(HttpStatusCode.Created, DcrClientJson("0oanq59zytBKVwQQ80h7", "Example Service Client", "key1")));
        using var client = TestClients.Create(handler);

        var app = await new ServiceAppClient(client).CreateAsync(
            new ServiceAppSpec { Name = "Example Service Client", Keys = new[] { Key1 } }, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/oauth2/v1/clients", request.Uri.PathAndQuery);
        AssertJsonEqual("""
            {
              "client_name": "Example Service Client",
              "response_types": ["token"],
              "grant_types": ["client_credentials"],
              "token_endpoint_auth_method": "private_key_jwt",
              "application_type": "service",
              "jwks": { "keys": [ { "kty": "RSA", "kid": "key1", "e": "AQAB", "n": "AJncrKuine49_CEVR4GPn" } ] }
            }
            """, request.Body);

        Assert.Equal("0oanq59zytBKVwQQ80h7", app.ClientId);
        Assert.Equal("Example Service Client", app.Name);
        Assert.Equal("service", app.ApplicationType);
        Assert.Equal(new[] { "client_credentials" }, app.GrantTypes);
        Assert.Equal("private_key_jwt", app.TokenEndpointAuthMethod);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1570131438), app.CreatedAt);
        Assert.Null(app.RequireDpop);
        var key = Assert.Single(app.Keys);
        Assert.Equal("key1", key.Kid);
        Assert.Null(key.Use);
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [InlineData("ES256")]
    public Task Create_BodyNeverCarriesPrivateKeyMembers_Ec(string algorithm) => Create_BodyNeverCarriesPrivateKeyMembers(algorithm);

    [Theory]
    [InlineData("RS256")]
    public async Task Create_BodyNeverCarriesPrivateKeyMembers(string algorithm)
    {
        using var signingKey = SigningKey.Generate(algorithm);
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.Created, DcrClientJson("0oa1", "svc", signingKey.KeyId)));
        using var client = TestClients.Create(handler);

        await new ServiceAppClient(client).CreateAsync(
            new ServiceAppSpec { Name = "svc", Keys = new[] { signingKey.ToPublicJwk() } }, CancellationToken.None);

        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var jwk = body.RootElement.GetProperty("jwks").GetProperty("keys")[0];
        var members = jwk.EnumerateObject().Select(p => p.Name).ToList();
        foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi", "k", "oth" })
        {
            Assert.DoesNotContain(secret, members);
        }

        Assert.Equal(signingKey.KeyId, jwk.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task Create_RequireDpopUsesTheAppsApi()
    {
        var clientId = "0oaDpop" + Guid.NewGuid().ToString("N").Substring(0, 8);
        var response = $$$"""
            {"id":"{{{clientId}}}","status":"ACTIVE","name":"oidc_client","label":"dpop app","created":"2026-03-27T10:00:00.000Z","signOnMode":"OPENID_CONNECT",
             "credentials":{"signing":{"kid":"sALQ"},"oauthClient":{"autoKeyRotation":true,"client_id":"{{{clientId}}}","token_endpoint_auth_method":"private_key_jwt","pkce_required":false}},
             "settings":{"oauthClient":{"redirect_uris":[],"response_types":["token"],"grant_types":["client_credentials"],
               "jwks":{"keys":[{"kty":"RSA","id":"pks1","status":"ACTIVE","kid":"key1","use":null,"e":"AQAB","n":"AJncrKuine49_CEVR4GPn"},
                               {"kid":"SIGNING_KEY_EC","kty":"EC","x":"xx","y":"yy","crv":null,"status":"ACTIVE"}]},
               "application_type":"service","consent_method":"TRUSTED","issuer_mode":"ORG_URL","dpop_bound_access_tokens":true}},
             "_links":{}}
            """;
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, response));
        using var client = TestClients.Create(handler);

        var app = await new ServiceAppClient(client).CreateAsync(
            new ServiceAppSpec { Name = "dpop app", Keys = new[] { Key1 }, RequireDpop = true }, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/api/v1/apps?activate=true", request.Uri.PathAndQuery);
        AssertJsonEqual("""
            {
              "name": "oidc_client", "label": "dpop app", "signOnMode": "OPENID_CONNECT",
              "credentials": { "oauthClient": { "token_endpoint_auth_method": "private_key_jwt", "autoKeyRotation": true } },
              "settings": { "oauthClient": {
                  "application_type": "service", "grant_types": ["client_credentials"], "response_types": ["token"],
                  "consent_method": "TRUSTED",
                  "jwks": { "keys": [ { "kty": "RSA", "kid": "key1", "e": "AQAB", "n": "AJncrKuine49_CEVR4GPn" } ] },
                  "dpop_bound_access_tokens": true } }
            }
            """, request.Body);
        Assert.Equal(clientId, app.ClientId);
        Assert.Equal("dpop app", app.Name);
        Assert.True(app.RequireDpop);
        Assert.Equal("service", app.ApplicationType);
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.Zero), app.CreatedAt);
        Assert.Equal(2, app.Keys.Count);
        Assert.Null(app.Keys[1].Crv);
        Assert.True(client.Registry.RequiresDpop(client.OrgUrl, clientId));
    }

    [Fact]
    public async Task Create_UnknownOutcomeFindsTheClientInsteadOfPostingAgain()
    {
        var handler = new StubHandler((request, _) =>
        {
            if (request.Method == HttpMethod.Post)
            {
                return Respond.Json((HttpStatusCode)504, "{}");
            }

            // A same-named client with another key (someone else's), then ours on the next page.
            return request.Uri.Query.Contains("after=")
                ? Respond.Json(HttpStatusCode.OK, $"[{DcrClientJson("0oaOurs", "svc", "key1")}]")
                : Respond.Json(HttpStatusCode.OK, $"[{DcrClientJson("0oaTheirs", "svc", "otherKid")},{DcrClientJson("0oaPrefix", "svc-2", "key1")}]",
                    ("Link", "<https://dev-123.okta.com/oauth2/v1/clients?limit=200&q=svc&after=x>; rel=\"next\""));
        });
        using var client = TestClients.Create(handler);

        var app = await new ServiceAppClient(client).CreateAsync(
            new ServiceAppSpec { Name = "svc", Keys = new[] { Key1 } }, CancellationToken.None);

        Assert.Equal("0oaOurs", app.ClientId);
        Assert.Equal(1, handler.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.Equal("/oauth2/v1/clients?limit=200&q=svc", handler.Requests[1].Uri.PathAndQuery);
    }

    [Fact]
    public async Task Create_UnknownOutcomeWithoutAMatchPostsAgainBounded()
    {
        var posts = 0;
        var handler = new StubHandler((request, _) =>
        {
            if (request.Method == HttpMethod.Post)
            {
                return ++posts < 3
                    ? throw new HttpRequestException("Connection reset by peer")
                    : Respond.Json(HttpStatusCode.Created, DcrClientJson("0oaNew", "svc", "key1"));
            }

            return Respond.Json(HttpStatusCode.OK, "[]");
        });
        using var client = TestClients.Create(handler);

        var app = await new ServiceAppClient(client).CreateAsync(
            new ServiceAppSpec { Name = "svc", Keys = new[] { Key1 } }, CancellationToken.None);

        Assert.Equal("0oaNew", app.ClientId);
        Assert.Equal(3, posts);

        var failing = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Respond.Json((HttpStatusCode)500, "{}")
            : Respond.Json(HttpStatusCode.OK, "[]"));
        using var failingClient = TestClients.Create(failing, o => o.MaxRetries = 1);
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => new ServiceAppClient(failingClient).CreateAsync(
            new ServiceAppSpec { Name = "svc", Keys = new[] { Key1 } }, CancellationToken.None));
        Assert.Equal(OktaErrorKind.ServerError, ex.Kind);
        Assert.Equal(2, failing.Requests.Count(r => r.Method == HttpMethod.Post));
    }

    [Fact]
    public async Task Create_BadRequestIsNotRetried()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.BadRequest,
            "{\"error\":\"invalid_client_metadata\",\"error_description\":\"`client_name`: The field can't be left blank.\"}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => new ServiceAppClient(client).CreateAsync(
            new ServiceAppSpec { Name = "svc", Keys = new[] { Key1 } }, CancellationToken.None));

        Assert.Equal("invalid_client_metadata", ex.OAuthError);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Create_RefusesASpecWithoutNameOrKeys()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.Created, "{}"));
        using var client = TestClients.Create(handler);
        var apps = new ServiceAppClient(client);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            apps.CreateAsync(new ServiceAppSpec { Name = " ", Keys = new[] { Key1 } }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            apps.CreateAsync(new ServiceAppSpec { Name = "svc" }, CancellationToken.None));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task List_PassesOnlyServiceAppsWithClientCredentials()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK,
            $"[{DcrClientJson("0oa1", "svc-a", "k")},{DcrClientJson("0oa2", "svc-web", "k", type: "web")},{DcrClientJson("0oa3", "svc-code", "k", grant: "authorization_code")},{DcrClientJson("0oa4", "other", "k")}]"));
        using var client = TestClients.Create(handler);
        var seen = new List<string>();

        await new ServiceAppClient(client).ListAsync("svc", app =>
        {
            seen.Add(app.ClientId);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(new[] { "0oa1" }, seen);
        Assert.Equal("/oauth2/v1/clients?limit=200&q=svc", handler.Requests[0].Uri.PathAndQuery);
    }

    [Fact]
    public async Task Get_MapsTheClientAndTurnsInvalidClientIntoNotFound()
    {
        var handler = new StubHandler((request, _) => request.Uri.AbsolutePath.EndsWith("0oa1", StringComparison.Ordinal)
            ? Respond.Json(HttpStatusCode.OK, DcrClientJson("0oa1", "svc", "k"))
            : Respond.Json(HttpStatusCode.Unauthorized,
                "{\"error\":\"invalid_client\",\"error_description\":\"Invalid value for 'client_id' parameter.\"}"));
        using var client = TestClients.Create(handler);
        var apps = new ServiceAppClient(client);

        Assert.Equal("svc", (await apps.GetAsync("0oa1", CancellationToken.None)).Name);
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => apps.GetAsync("0oaGone", CancellationToken.None));
        Assert.Equal(OktaErrorKind.NotFound, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task Delete_NotFoundAfterAnInterruptedDeleteCountsAsDone()
    {
        var handler = new StubHandler((_, index) => index == 0
            ? Respond.Json((HttpStatusCode)503, "{}")
            : Respond.Json(HttpStatusCode.NotFound, "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: 0oa1\"}"));
        using var client = TestClients.Create(handler);

        await new ServiceAppClient(client).DeleteAsync("0oa1", CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("/oauth2/v1/clients/0oa1", r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task Delete_NotFoundAtOnceIsAnError()
    {
        var handler = new StubHandler((_, _) =>
            Respond.Json(HttpStatusCode.NotFound, "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: 0oa1\"}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            new ServiceAppClient(client).DeleteAsync("0oa1", CancellationToken.None));

        Assert.Equal(OktaErrorKind.NotFound, ex.Kind);
    }

    private static void AssertJsonEqual(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.True(JsonDeepEquals(e.RootElement, a.RootElement), $"expected {expected}\nactual {actual}");
    }

    // JsonElement.DeepEquals is .NET 9+ and this file also builds for net472: the same rule, objects compared as unordered maps.
    private static bool JsonDeepEquals(JsonElement x, JsonElement y)
    {
        if (x.ValueKind != y.ValueKind)
        {
            return false;
        }

        switch (x.ValueKind)
        {
            case JsonValueKind.Object:
                var xs = x.EnumerateObject().ToList();
                var ys = y.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                return xs.Count == ys.Count && xs.All(p => ys.TryGetValue(p.Name, out var other) && JsonDeepEquals(p.Value, other));
            case JsonValueKind.Array:
                return x.GetArrayLength() == y.GetArrayLength() &&
                       x.EnumerateArray().Zip(y.EnumerateArray(), (a, b) => JsonDeepEquals(a, b)).All(same => same);
            case JsonValueKind.String:
                return x.GetString() == y.GetString();
            case JsonValueKind.Number:
                return x.GetRawText() == y.GetRawText() || x.GetDecimal() == y.GetDecimal();
            default:
                return true;
        }
    }
}
