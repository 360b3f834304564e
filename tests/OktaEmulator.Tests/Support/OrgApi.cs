using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace OktaEmulator.Tests.Support;

/// <summary>A thin HTTP client for the emulator plus the setup steps most tests share (create client, grant, get a token).</summary>
public sealed class OrgApi : IDisposable
{
    public const string Ssws = "ssws";

    private readonly OktaOrgEmulator _emulator;
    private readonly TestClock _clock;

    public OrgApi(OktaOrgEmulator emulator, TestClock clock)
    {
        _emulator = emulator;
        _clock = clock;
        Http = new HttpClient { BaseAddress = emulator.OrgUrl };
    }

    public HttpClient Http { get; }

    public void Dispose() => Http.Dispose();
    public string OrgUrl => _emulator.OrgUrlString;
    public string TokenUrl => OrgUrl + "/oauth2/v1/token";
    public DateTimeOffset Now => _clock.Now;

    /// <param name="auth">"ssws" for the API token, null for none, else the literal Authorization value.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? auth = Ssws,
        string? dpop = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", auth == Ssws ? "SSWS " + _emulator.ApiToken : auth);
        }

        if (dpop is not null)
        {
            request.Headers.TryAddWithoutValidation("DPoP", dpop);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? auth = Ssws, string? dpop = null) => SendAsync(HttpMethod.Get, path, null, auth, dpop);

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode? body, string? auth = Ssws) => SendAsync(HttpMethod.Post, path, body ?? new JsonObject(), auth);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? auth = Ssws) => SendAsync(HttpMethod.Delete, path, null, auth);

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>The DCR body of a service app (seed guide): client_credentials, private_key_jwt, the given public keys.</summary>
    public static JsonObject ServiceClientBody(string name, params JsonObject[] keys) => new()
    {
        ["client_name"] = name,
        ["response_types"] = new JsonArray("token"),
        ["grant_types"] = new JsonArray("client_credentials"),
        ["token_endpoint_auth_method"] = "private_key_jwt",
        ["application_type"] = "service",
        ["jwks"] = TestKeys.Jwks(keys),
    };

    /// <summary>The Apps API body of an OIDC service app, shaped like the Terraform recording.</summary>
    public static JsonObject ServiceAppBody(string label, bool dpop, params JsonObject[] keys) => new()
    {
        ["name"] = "oidc_client",
        ["label"] = label,
        ["signOnMode"] = "OPENID_CONNECT",
        ["credentials"] = new JsonObject
        {
            ["oauthClient"] = new JsonObject { ["autoKeyRotation"] = true, ["token_endpoint_auth_method"] = "private_key_jwt" },
        },
        ["settings"] = new JsonObject
        {
            ["oauthClient"] = new JsonObject
            {
                ["application_type"] = "service",
                ["grant_types"] = new JsonArray("client_credentials"),
                ["response_types"] = new JsonArray("token"),
                ["dpop_bound_access_tokens"] = dpop,
                ["jwks"] = TestKeys.Jwks(keys),
            },
        },
    };

    public async Task<string> CreateServiceClientAsync(params JsonObject[] keys)
    {
        using var response = await PostAsync("/oauth2/v1/clients", ServiceClientBody("svc-" + Guid.NewGuid().ToString("N")[..8], keys));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response))["client_id"]!.GetValue<string>();
    }

    public async Task<string> CreateServiceAppAsync(bool dpop, params JsonObject[] keys)
    {
        using var response = await PostAsync("/api/v1/apps", ServiceAppBody("app-" + Guid.NewGuid().ToString("N")[..8], dpop, keys));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonAsync(response))["id"]!.GetValue<string>();
    }

    public async Task GrantAsync(string appId, params string[] scopes)
    {
        foreach (var scope in scopes)
        {
            using var response = await PostAsync($"/api/v1/apps/{appId}/grants", new JsonObject { ["scopeId"] = scope, ["issuer"] = OrgUrl });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>A service client (DCR, one RSA key without kid) already granted <paramref name="scopes"/>.</summary>
    public async Task<(string ClientId, RsaSecurityKey Key)> NewServiceClientAsync(params string[] scopes)
    {
        var rsa = TestKeys.Rsa(0);
        var clientId = await CreateServiceClientAsync(TestKeys.PublicJwk(rsa));
        await GrantAsync(clientId, scopes);
        return (clientId, TestKeys.SigningKey(rsa));
    }

    public static Dictionary<string, string> TokenForm(string assertion, string scope) => new()
    {
        ["grant_type"] = "client_credentials",
        ["scope"] = scope,
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ["client_assertion"] = assertion,
    };

    public async Task<HttpResponseMessage> PostTokenAsync(IDictionary<string, string> form, string? dpopProof = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/v1/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (dpopProof is not null)
        {
            request.Headers.TryAddWithoutValidation("DPoP", dpopProof);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A Bearer token for the client, or with <paramref name="dpopKey"/> a DPoP token through the nonce dance.</summary>
    public async Task<string> GetTokenAsync(string clientId, SecurityKey key, string scope, ECDsa? dpopKey = null)
    {
        string? nonce = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var assertion = Jwts.Assertion(clientId, TokenUrl, key, Now);
            var proof = dpopKey is null ? null : Jwts.DpopProof(dpopKey, "POST", TokenUrl, Now, nonce);
            using var response = await PostTokenAsync(TokenForm(assertion, scope), proof);
            var body = await JsonAsync(response);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return body["access_token"]!.GetValue<string>();
            }

            Assert.Equal("use_dpop_nonce", body["error"]?.GetValue<string>());
            nonce = response.Headers.GetValues("DPoP-Nonce").Single();
        }

        throw new InvalidOperationException("No token after the nonce retry.");
    }
}
