using OktaServiceApp.Core.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

public sealed class SswsCredentialsTests
{
    [Fact]
    public async Task Apply_SetsTheSswsHeader()
    {
        var credentials = new SswsCredentials("00abcDEF_123-xyz");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://dev-123.okta.com/api/v1/apps");

        await credentials.ApplyAsync(request, CancellationToken.None);

        Assert.Equal("SSWS 00abcDEF_123-xyz", request.Headers.Authorization?.ToString());
        Assert.Equal("SSWS", credentials.Mode);
        Assert.DoesNotContain("00abc", credentials.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("00abc def")]
    [InlineData("SSWS ")]
    public void Create_RefusesEmptyOrBrokenTokensWithoutEchoingThem(string token)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new SswsCredentials(token));

        if (token.Trim().Length > 4)
        {
            Assert.DoesNotContain(token.Trim(), ex.Message);
        }
    }

    [Fact]
    public async Task Create_AcceptsAPastedHeaderValue()
    {
        var credentials = new SswsCredentials("SSWS 00token");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://dev-123.okta.com/");

        await credentials.ApplyAsync(request, CancellationToken.None);

        Assert.Equal("00token", request.Headers.Authorization?.Parameter);
    }
}
