using OktaServiceApp.Core.Configuration;
using Xunit;

namespace OktaServiceApp.Core.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private const string Pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "okta-settings-" + Guid.NewGuid().ToString("N"));

    public SettingsLoaderTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    private string WriteYaml(string text)
    {
        var path = Path.Combine(_folder, "okta.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    /// <summary>The §7 sample of okta-api.md, with a real org instead of the placeholder.</summary>
    private const string SampleYaml = """
        okta:
          client:
            orgUrl: "https://dev-123456.okta.com"
            authorizationMode: "PrivateKey"
            clientId: "0oa1abcdefgHIJKLM5d7"
            scopes:
              - okta.users.read
              - okta.apps.read
            privateKey: |
              -----BEGIN RSA PRIVATE KEY-----
              MIIEow
              -----END RSA PRIVATE KEY-----
            privateKeyId: "kid-1"          # Go; needed when the app has more than one JWK
            requestTimeout: 0
            rateLimit:
              maxRetries: 4
        """;

    [Fact]
    public void Load_ReadsTheSampleYaml()
    {
        var path = WriteYaml(SampleYaml);

        var settings = SettingsLoader.Load(Env(), path);

        Assert.Equal("https://dev-123456.okta.com", OrgUrl.ToIssuer(settings.OrgUrl!));
        Assert.Equal(AuthorizationMode.PrivateKey, settings.Mode);
        Assert.Equal("0oa1abcdefgHIJKLM5d7", settings.ClientId);
        Assert.Equal(new[] { "okta.users.read", "okta.apps.read" }, settings.Scopes);
        Assert.Equal("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n", settings.PrivateKey);
        Assert.Equal("kid-1", settings.PrivateKeyId);
        Assert.Equal(TimeSpan.Zero, settings.RequestTimeout);
        Assert.Equal(4, settings.MaxRetries);
        Assert.Null(settings.ApiToken);
        Assert.Contains(path, settings.Source);
    }

    [Fact]
    public void Load_SamplePlaceholderOrgUrlIsRefusedWithTheFileNamed()
    {
        var path = WriteYaml(SampleYaml.Replace("https://dev-123456.okta.com", "https://{yourOktaDomain}"));

        var ex = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env(), path));

        Assert.Equal(ConfigurationProblem.OrgUrlInvalid, ex.Problem);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Load_EnvironmentBeatsYamlPerField()
    {
        var path = WriteYaml(SampleYaml);

        var settings = SettingsLoader.Load(Env(
            ("OKTA_CLIENT_ORGURL", "https://env-org.okta.com"),
            ("OKTA_CLIENT_SCOPES", "okta.groups.read, okta.logs.read okta.groups.read"),
            ("OKTA_CLIENT_RATELIMIT_MAXRETRIES", "2")), path);

        Assert.Equal("https://env-org.okta.com", OrgUrl.ToIssuer(settings.OrgUrl!));
        Assert.Equal(new[] { "okta.groups.read", "okta.logs.read" }, settings.Scopes);
        Assert.Equal(2, settings.MaxRetries);
        Assert.Equal("0oa1abcdefgHIJKLM5d7", settings.ClientId); // from YAML
        Assert.Equal("kid-1", settings.PrivateKeyId);            // from YAML
        Assert.Contains("environment (OrgUrl, Scopes, MaxRetries)", settings.Source);
        Assert.Contains("ClientId", settings.Source);
    }

    [Fact]
    public void Load_EnvironmentAlone()
    {
        var settings = SettingsLoader.Load(Env(
            ("OKTA_CLIENT_ORGURL", "dev-1.okta.com"),
            ("OKTA_CLIENT_TOKEN", "00token"),
            ("OKTA_CLIENT_REQUESTTIMEOUT", "30"),
            ("OKTA_CLIENT_MAXAPICAPACITY", "50"),
            ("okta_client_clientid", "0oaLowerCaseName")), Path.Combine(_folder, "missing.yaml"));

        Assert.Equal("https://dev-1.okta.com", OrgUrl.ToIssuer(settings.OrgUrl!));
        Assert.Equal("00token", settings.ApiToken);
        Assert.Equal(AuthorizationMode.Ssws, settings.Mode);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RequestTimeout);
        Assert.Equal(50, settings.MaxApiCapacity);
        Assert.Equal("0oaLowerCaseName", settings.ClientId);
        Assert.DoesNotContain("00token", settings.ToString());
        Assert.DoesNotContain("00token", settings.Source);
    }

    [Fact]
    public void Load_ModeDefaultsToPrivateKeyWithoutATokenButWithClientAndKey()
    {
        var settings = SettingsLoader.Load(Env(
            ("OKTA_CLIENT_CLIENTID", "0oa1"),
            ("OKTA_CLIENT_PRIVATEKEY", Pem)), null);

        Assert.Equal(AuthorizationMode.PrivateKey, settings.Mode);
        Assert.Equal(Pem, settings.PrivateKey);
    }

    [Fact]
    public void Load_ModeDefaultsToSswsOtherwise()
    {
        Assert.Equal(AuthorizationMode.Ssws, SettingsLoader.Load(Env(("OKTA_CLIENT_CLIENTID", "0oa1")), null).Mode);
        Assert.Equal(AuthorizationMode.Ssws, SettingsLoader.Load(Env(
            ("OKTA_CLIENT_TOKEN", "00t"), ("OKTA_CLIENT_CLIENTID", "0oa1"), ("OKTA_CLIENT_PRIVATEKEY", Pem)), null).Mode);
    }

    [Theory]
    [InlineData("ssws", AuthorizationMode.Ssws)]
    [InlineData("SSWS", AuthorizationMode.Ssws)]
    [InlineData("privatekey", AuthorizationMode.PrivateKey)]
    [InlineData("PrivateKey", AuthorizationMode.PrivateKey)]
    public void Load_ModeIsCaseInsensitive(string value, AuthorizationMode mode)
    {
        Assert.Equal(mode, SettingsLoader.Load(Env(("OKTA_CLIENT_AUTHORIZATIONMODE", value)), null).Mode);
    }

    [Fact]
    public void Load_InvalidModeIsRefused()
    {
        var ex = Assert.Throws<OktaConfigurationException>(() =>
            SettingsLoader.Load(Env(("OKTA_CLIENT_AUTHORIZATIONMODE", "JWT")), null));

        Assert.Equal(ConfigurationProblem.AuthorizationModeInvalid, ex.Problem);
        Assert.Contains("OKTA_CLIENT_AUTHORIZATIONMODE", ex.Message);
    }

    [Theory]
    [InlineData("OKTA_CLIENT_MAXAPICAPACITY", "0")]
    [InlineData("OKTA_CLIENT_MAXAPICAPACITY", "101")]
    [InlineData("OKTA_CLIENT_RATELIMIT_MAXRETRIES", "-1")]
    [InlineData("OKTA_CLIENT_RATELIMIT_MAXRETRIES", "many")]
    [InlineData("OKTA_CLIENT_REQUESTTIMEOUT", "soon")]
    public void Load_InvalidNumbersAreRefused(string name, string value)
    {
        var ex = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env((name, value)), null));

        Assert.Equal(ConfigurationProblem.SettingInvalid, ex.Problem);
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public void Load_BadOrgUrlInTheEnvironmentNamesTheVariable()
    {
        var ex = Assert.Throws<OktaConfigurationException>(() =>
            SettingsLoader.Load(Env(("OKTA_CLIENT_ORGURL", "https://dev-1-admin.okta.com")), null));

        Assert.Equal(ConfigurationProblem.OrgUrlAdminHost, ex.Problem);
        Assert.Contains("OKTA_CLIENT_ORGURL", ex.Message);
    }

    [Fact]
    public void Load_BrokenYamlNamesTheFileNotItsContent()
    {
        var path = WriteYaml("okta:\n  client:\n    token: \"00secretToken\n    orgUrl: [unclosed\n");

        var ex = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env(), path));

        Assert.Equal(ConfigurationProblem.ConfigFileInvalid, ex.Problem);
        Assert.Contains(path, ex.Message);
        Assert.DoesNotContain("00secretToken", ex.ToString());
    }

    [Fact]
    public void Load_WrongYamlShapeIsConfigFileInvalid()
    {
        var path = WriteYaml("okta:\n  client:\n    - just\n    - a list\n");

        var ex = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env(), path));

        Assert.Equal(ConfigurationProblem.ConfigFileInvalid, ex.Problem);
    }

    [Fact]
    public void Load_ScopesAsAStringAndAJwkMappingAreRead()
    {
        var path = WriteYaml("""
            okta:
              client:
                orgUrl: dev-9.okta.com
                clientId: 0oa9
                scopes: "okta.apps.read okta.apps.manage"
                privateKey:
                  kty: RSA
                  kid: k1
                  n: abc
                  e: AQAB
                  d: secret
            """);

        var settings = SettingsLoader.Load(Env(), path);

        Assert.Equal(new[] { "okta.apps.read", "okta.apps.manage" }, settings.Scopes);
        Assert.Equal(AuthorizationMode.PrivateKey, settings.Mode);
        Assert.StartsWith("{\"kty\":\"RSA\",\"kid\":\"k1\"", settings.PrivateKey);
    }

    [Fact]
    public void Load_EmptyOrMissingFileGivesEmptySettings()
    {
        var empty = SettingsLoader.Load(Env(), WriteYaml(""));
        Assert.Null(empty.OrgUrl);
        Assert.Empty(empty.Scopes);
        Assert.Equal("", empty.Source);

        var missing = SettingsLoader.Load(Env(), Path.Combine(_folder, "nope.yaml"));
        Assert.Null(missing.OrgUrl);
    }

    [Fact]
    public void Load_FolderInsteadOfFileIsConfigFileInvalid()
    {
        var ex = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env(), _folder));

        Assert.Equal(ConfigurationProblem.ConfigFileInvalid, ex.Problem);
    }

    [Fact]
    public void DefaultYamlPath_IsInTheOktaFolderOfTheProfile()
    {
        Assert.EndsWith(Path.Combine(".okta", "okta.yaml"), SettingsLoader.DefaultYamlPath);
    }
}
