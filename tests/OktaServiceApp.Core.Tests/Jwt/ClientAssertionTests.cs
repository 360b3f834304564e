using OktaServiceApp.Core.Tests.Support;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OktaServiceApp.Core.Jwt;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tests.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Jwt;

public sealed class ClientAssertionTests
{
    private const string ClientId = "0oar95zt9zIpYuz6A0h7";
    private const string Audience = "https://example.okta.com/oauth2/v1/token";

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    public Task Create_HeaderAndClaimsAreExact_Ec(string algorithm) => Create_HeaderAndClaimsAreExact(algorithm);

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS512")]
    public async Task Create_HeaderAndClaimsAreExact(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm, keyId: "assertion-kid");

        var token = ClientAssertion.Create(key, ClientId, Audience);

        var header = KeyTestHelpers.DecodeSegment(token, 0);
        Assert.Equal(new[] { "alg", "kid", "typ" }, KeyTestHelpers.PropertyNames(header));
        Assert.Equal(algorithm, header.GetProperty("alg").GetString());
        Assert.Equal("assertion-kid", header.GetProperty("kid").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());

        var claims = KeyTestHelpers.DecodeSegment(token, 1);
        Assert.Equal(new[] { "aud", "exp", "iat", "iss", "jti", "sub" }, KeyTestHelpers.PropertyNames(claims).OrderBy(n => n));
        Assert.Equal(ClientId, claims.GetProperty("iss").GetString());
        Assert.Equal(ClientId, claims.GetProperty("sub").GetString());
        Assert.Equal(Audience, claims.GetProperty("aud").GetString());
        Assert.Equal(JsonValueKind.Number, claims.GetProperty("iat").ValueKind);
        Assert.Equal(300, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.InRange(claims.GetProperty("iat").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(16, Base64UrlEncoder.DecodeBytes(claims.GetProperty("jti").GetString()).Length);

        var result = await KeyTestHelpers.ValidateAsync(token, KeyTestHelpers.ToIdentityModelKey(key), p =>
        {
            p.ValidIssuer = ClientId;
            p.ValidateIssuer = true;
            p.ValidAudience = Audience;
            p.ValidateAudience = true;
            p.ValidateLifetime = true;
            p.RequireExpirationTime = true;
            p.ValidAlgorithms = new[] { algorithm };
        });
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Fact]
    public async Task Create_SignatureFailsWithAnotherKey()
    {
        // Imported where one key will do: generating RSA keys is slow under Mono, where these tests also run.
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem);
        using var other = SigningKey.Generate("RS256");

        var token = ClientAssertion.Create(key, ClientId, Audience);

        var result = await KeyTestHelpers.ValidateAsync(token, KeyTestHelpers.ToIdentityModelKey(other));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Create_JtiIsFreshEveryCall()
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem);
        var now = DateTimeOffset.UtcNow;

        var jtis = Enumerable.Range(0, 200)
            .Select(_ => KeyTestHelpers.DecodeSegment(ClientAssertion.Create(key, ClientId, Audience, now: now), 1)
                .GetProperty("jti").GetString())
            .ToList();

        Assert.Equal(jtis.Count, jtis.Distinct().Count());
    }

    [Fact]
    public void Create_UsesGivenClockAndLifetime()
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem);
        var now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        var claims = KeyTestHelpers.DecodeSegment(
            ClientAssertion.Create(key, ClientId, Audience, TimeSpan.FromHours(1), now), 1);

        Assert.Equal(now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(now.ToUnixTimeSeconds() + 3600, claims.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData(3601)]
    [InlineData(7200)]
    [InlineData(0)]
    [InlineData(-60)]
    public void Create_RejectsLifetimeOutsideOneHour(int seconds)
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => ClientAssertion.Create(key, ClientId, Audience, TimeSpan.FromSeconds(seconds)));

        Assert.Equal("lifetime", exception.ParamName);
    }

    [Fact]
    public void Create_RejectsEmptyClientIdAndAudience()
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem);

        Assert.Throws<ArgumentException>(() => ClientAssertion.Create(key, " ", Audience));
        Assert.Throws<ArgumentException>(() => ClientAssertion.Create(key, ClientId, ""));
    }
}
