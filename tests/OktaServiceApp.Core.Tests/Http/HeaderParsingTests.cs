using OktaServiceApp.Core.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

public sealed class HeaderParsingTests
{
    private static readonly Uri Request = new("https://dev-123.okta.com/api/v1/apps?limit=2");

    [Fact]
    public void Link_SeparateHeadersFindNext()
    {
        var next = HeaderParsing.NextLink(new[]
        {
            "<https://dev-123.okta.com/api/v1/logs?limit=20>; rel=\"self\"",
            "<https://dev-123.okta.com/api/v1/logs?limit=20&after=1627500044869_1>; rel=\"next\"",
        }, Request);

        Assert.Equal("https://dev-123.okta.com/api/v1/logs?limit=20&after=1627500044869_1", next?.OriginalString);
    }

    [Theory]
    [InlineData("<https://x.okta.com/a?after=1>; rel=\"self\", <https://x.okta.com/a?after=2>; rel=\"next\"", "https://x.okta.com/a?after=2")]
    [InlineData("<https://x.okta.com/a?after=2>; rel=next", "https://x.okta.com/a?after=2")]
    [InlineData("<https://x.okta.com/a?after=2>;rel=\"prev next\"", "https://x.okta.com/a?after=2")]
    [InlineData("<https://x.okta.com/a?after=2>; title=\"a, b; c\"; rel=\"NEXT\"", "https://x.okta.com/a?after=2")]
    [InlineData("<https://x.okta.com/a?after=1>; rel=\"self\"", null)]
    [InlineData("", null)]
    [InlineData("garbage without brackets", null)]
    public void Link_CommaJoinedAndOddFormsAreParsed(string header, string? expected)
    {
        Assert.Equal(expected, HeaderParsing.NextLink(new[] { header }, Request)?.OriginalString);
    }

    [Fact]
    public void Link_RelativeTargetIsResolvedAgainstTheRequest()
    {
        var next = HeaderParsing.NextLink(new[] { "</api/v1/apps?after=abc>; rel=\"next\"" }, Request);

        Assert.Equal("https://dev-123.okta.com/api/v1/apps?after=abc", next?.AbsoluteUri);
    }

    [Fact]
    public void Challenge_BearerInsufficientScopeIsParsed()
    {
        var challenges = HeaderParsing.ParseChallenges(new[]
        {
            "Bearer authorization_uri=\"http://x/oauth2/v1/authorize\", realm=\"http://x\", scope=\"okta.groups.read\", error=\"insufficient_scope\", error_description=\"The access token provided does not contain the required scopes.\", resource=\"/api/v1/groups/12345\"",
        });

        var challenge = Assert.Single(challenges);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("insufficient_scope", challenge["error"]);
        Assert.Equal("okta.groups.read", challenge["scope"]);
        Assert.Equal("The access token provided does not contain the required scopes.", challenge["error_description"]);
    }

    [Fact]
    public void Challenge_SeveralSchemesAndEscapesAreParsed()
    {
        var challenges = HeaderParsing.ParseChallenges(new[]
        {
            "DPoP algs=\"RS256 ES256\", error=\"use_dpop_nonce\", error_description=\"say \\\"nonce\\\"\", Bearer realm=x",
        });

        Assert.Equal(2, challenges.Count);
        Assert.Equal("DPoP", challenges[0].Scheme);
        Assert.Equal("RS256 ES256", challenges[0]["algs"]);
        Assert.Equal("say \"nonce\"", challenges[0]["error_description"]);
        Assert.Equal("Bearer", challenges[1].Scheme);
        Assert.Equal("x", challenges[1]["realm"]);
    }
}
