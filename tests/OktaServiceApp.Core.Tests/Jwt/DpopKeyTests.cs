using OktaServiceApp.Core.Tests.Support;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OktaServiceApp.Core.Jwt;
using OktaServiceApp.Core.Tests.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Jwt;

public sealed class DpopKeyTests
{
    private static readonly Uri s_tokenUrl = new("https://example.okta.com/oauth2/v1/token");

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void CreateProof_HeaderCarriesPublicJwkAsObject()
    {
        using var dpop = DpopKey.Create();

        var header = KeyTestHelpers.DecodeSegment(dpop.CreateProof("POST", s_tokenUrl), 0);

        Assert.Equal(new[] { "typ", "alg", "jwk" }, KeyTestHelpers.PropertyNames(header));
        Assert.Equal("dpop+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        var jwk = header.GetProperty("jwk");
        Assert.Equal(JsonValueKind.Object, jwk.ValueKind);
        Assert.Equal(new[] { "kty", "crv", "x", "y" }, KeyTestHelpers.PropertyNames(jwk));
        Assert.Equal("EC", jwk.GetProperty("kty").GetString());
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Thumbprint_IsThatOfTheHeaderJwk()
    {
        using var dpop = DpopKey.Create();

        var jwk = KeyTestHelpers.DecodeSegment(dpop.CreateProof("POST", s_tokenUrl), 0).GetProperty("jwk");

        var identityModelJwk = new JsonWebKey(jwk.GetRawText());
        Assert.Equal(Base64UrlEncoder.Encode(identityModelJwk.ComputeJwkThumbprint()), dpop.Thumbprint);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task CreateProof_VerifiesWithTheHeaderJwk()
    {
        using var dpop = DpopKey.Create();

        var proof = dpop.CreateProof("POST", s_tokenUrl);

        var jwk = new JsonWebKey(KeyTestHelpers.DecodeSegment(proof, 0).GetProperty("jwk").GetRawText());
        var result = await KeyTestHelpers.ValidateAsync(proof, jwk, p => p.ValidTypes = new[] { "dpop+jwt" });
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void CreateProof_TokenRequestClaims()
    {
        using var dpop = DpopKey.Create();
        var now = new DateTimeOffset(2026, 3, 12, 8, 30, 0, TimeSpan.Zero);

        var claims = KeyTestHelpers.DecodeSegment(dpop.CreateProof("post", s_tokenUrl, nonce: "server-nonce", now: now), 1);

        Assert.Equal(new[] { "htm", "htu", "iat", "jti", "nonce" }, KeyTestHelpers.PropertyNames(claims));
        Assert.Equal("POST", claims.GetProperty("htm").GetString());
        Assert.Equal("https://example.okta.com/oauth2/v1/token", claims.GetProperty("htu").GetString());
        Assert.Equal(now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal("server-nonce", claims.GetProperty("nonce").GetString());
        Assert.Equal(16, Base64UrlEncoder.DecodeBytes(claims.GetProperty("jti").GetString()).Length);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void CreateProof_ResourceRequestClaims()
    {
        using var dpop = DpopKey.Create();
        const string accessToken = "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwb2EifQ.c2lnbmF0dXJl";
        var url = new Uri("https://example.okta.com:8443/api/v1/users?limit=1&search=profile.login%20eq%20%22a%22#frag");

        var claims = KeyTestHelpers.DecodeSegment(dpop.CreateProof("get", url, accessToken: accessToken), 1);

        Assert.Equal(new[] { "htm", "htu", "iat", "jti", "ath" }, KeyTestHelpers.PropertyNames(claims));
        Assert.Equal("GET", claims.GetProperty("htm").GetString());
        Assert.Equal("https://example.okta.com:8443/api/v1/users", claims.GetProperty("htu").GetString());
        var expectedAth = Base64UrlEncoder.Encode(Sha256(Encoding.ASCII.GetBytes(accessToken)));
        Assert.Equal(expectedAth, claims.GetProperty("ath").GetString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void CreateProof_AthMatchesRfc9449Example()
    {
        using var dpop = DpopKey.Create();

        // RFC 9449 §7.1: this access token hashes to this ath.
        var claims = KeyTestHelpers.DecodeSegment(
            dpop.CreateProof("GET", new Uri("https://resource.example.org/protectedresource"),
                accessToken: "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"), 1);

        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", claims.GetProperty("ath").GetString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Theory]
    [InlineData("https://example.okta.com/api/v1/users/a@example.com?expand=x", "https://example.okta.com/api/v1/users/a@example.com")]
    [InlineData("https://EXAMPLE.okta.com:443/api/v1/apps/../groups", "https://example.okta.com/api/v1/groups")]
    [InlineData("https://example.okta.com", "https://example.okta.com/")]
    public void CreateProof_HtuIsUriWithoutQueryOrFragment(string url, string expected)
    {
        using var dpop = DpopKey.Create();

        var claims = KeyTestHelpers.DecodeSegment(dpop.CreateProof("GET", new Uri(url)), 1);

        Assert.Equal(expected, claims.GetProperty("htu").GetString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void CreateProof_JtiIsFreshEveryCall()
    {
        using var dpop = DpopKey.Create();

        var jtis = Enumerable.Range(0, 100)
            .Select(_ => KeyTestHelpers.DecodeSegment(dpop.CreateProof("GET", s_tokenUrl), 1).GetProperty("jti").GetString())
            .ToList();

        Assert.Equal(jtis.Count, jtis.Distinct().Count());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void CreateProof_RejectsRelativeUrlAndEmptyMethod()
    {
        using var dpop = DpopKey.Create();

        Assert.Throws<ArgumentException>(() => dpop.CreateProof("GET", new Uri("/api/v1/users", UriKind.Relative)));
        Assert.Throws<ArgumentException>(() => dpop.CreateProof(" ", s_tokenUrl));
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Create_GivesDistinctKeys()
    {
        using var first = DpopKey.Create();
        using var second = DpopKey.Create();

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
    }

    // SHA256.HashData is .NET 5+; the net472 build runs under Mono.
    private static byte[] Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }
}
