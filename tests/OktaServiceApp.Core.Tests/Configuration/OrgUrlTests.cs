using OktaServiceApp.Core.Configuration;
using Xunit;

namespace OktaServiceApp.Core.Tests.Configuration;

public sealed class OrgUrlTests
{
    [Theory]
    [InlineData("dev-123.okta.com", "https://dev-123.okta.com")]
    [InlineData("https://dev-123.okta.com", "https://dev-123.okta.com")]
    [InlineData("https://dev-123.okta.com/", "https://dev-123.okta.com")]
    [InlineData("  HTTPS://Dev-123.OKTA.com/  ", "https://dev-123.okta.com")]
    [InlineData("https://dev-123.okta.com:443", "https://dev-123.okta.com")]
    [InlineData("https://login.example.com:8443/", "https://login.example.com:8443")]
    [InlineData("dev-123.oktapreview.com:8443", "https://dev-123.oktapreview.com:8443")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("https://localhost", "https://localhost")]
    public void Parse_AcceptsWhatPeopleType(string input, string expected)
    {
        var uri = OrgUrl.Parse(input);

        Assert.Equal(expected, OrgUrl.ToIssuer(uri));
        Assert.True(uri.AbsolutePath == "/" && uri.Query.Length == 0);
    }

    [Theory]
    [InlineData(null, ConfigurationProblem.OrgUrlMissing)]
    [InlineData("", ConfigurationProblem.OrgUrlMissing)]
    [InlineData("   ", ConfigurationProblem.OrgUrlMissing)]
    [InlineData("http://dev-123.okta.com", ConfigurationProblem.OrgUrlInsecure)]
    [InlineData("http://10.0.0.5:8080", ConfigurationProblem.OrgUrlInsecure)]
    [InlineData("https://dev-123.okta.com/oauth2/default", ConfigurationProblem.OrgUrlHasPath)]
    [InlineData("https://dev-123.okta.com/admin/dashboard", ConfigurationProblem.OrgUrlHasPath)]
    [InlineData("https://dev-123.okta.com?x=1", ConfigurationProblem.OrgUrlHasPath)]
    [InlineData("https://dev-123.okta.com/#frag", ConfigurationProblem.OrgUrlHasPath)]
    [InlineData("https://dev-123.okta.com/?", ConfigurationProblem.OrgUrlHasPath)]
    [InlineData("https://dev-123-admin.okta.com", ConfigurationProblem.OrgUrlAdminHost)]
    [InlineData("dev-123-admin.okta.com", ConfigurationProblem.OrgUrlAdminHost)]
    [InlineData("dev 123.okta.com", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("https://{yourOktaDomain}", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("dev-123", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("ftp://dev-123.okta.com", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("dev_123!.okta.com", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("https://user:pw@dev-123.okta.com", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("https://dev-123.okta.com.com", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("mailto:someone@okta.com", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("https://", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("https://dev-123.okta.com:notaport", ConfigurationProblem.OrgUrlInvalid)]
    [InlineData("00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abc", ConfigurationProblem.OrgUrlInvalid)]
    public void Parse_RefusesEachProblemByKind(string? input, ConfigurationProblem problem)
    {
        var ex = Assert.Throws<OktaConfigurationException>(() => OrgUrl.Parse(input));

        Assert.Equal(problem, ex.Problem);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Parse_AdminHostHintsAtTheOrgUrl()
    {
        var ex = Assert.Throws<OktaConfigurationException>(() => OrgUrl.Parse("https://dev-123-admin.okta.com/"));

        Assert.Contains("https://dev-123.okta.com", ex.Message);
        Assert.Contains("-admin", ex.Message);
    }

    [Fact]
    public void Parse_InsecureSuggestsHttps()
    {
        var ex = Assert.Throws<OktaConfigurationException>(() => OrgUrl.Parse("http://dev-123.okta.com"));

        Assert.Contains("https://dev-123.okta.com", ex.Message);
    }

    [Fact]
    public void Parse_GarbageIsNotEchoed()
    {
        // Someone may paste an API token into the org URL by mistake.
        const string token = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abc";

        var ex = Assert.Throws<OktaConfigurationException>(() => OrgUrl.Parse(token));

        Assert.DoesNotContain(token, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToIssuer_HasNoTrailingSlash()
    {
        Assert.Equal("https://dev-123.okta.com", OrgUrl.ToIssuer(OrgUrl.Parse("https://dev-123.okta.com/")));
    }
}
