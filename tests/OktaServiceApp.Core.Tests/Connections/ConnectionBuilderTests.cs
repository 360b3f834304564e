using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.Core.Sharing;
using OktaServiceApp.Core.Tests.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Connections;

public sealed class ConnectionBuilderTests
{
    private static ConnectionBuilder Builder(Dictionary<string, string?> environment, Action? onLoad = null) =>
        new(new OktaRegistry(), () =>
        {
            onLoad?.Invoke();
            return SettingsLoader.Load(environment, null);
        });

    [Fact]
    public async Task Parameters_BeatEnvironment_AndTheSourceSaysSo()
    {
        var builder = Builder(new()
        {
            ["OKTA_CLIENT_ORGURL"] = "https://env.okta.com",
            ["OKTA_CLIENT_TOKEN"] = "env-token",
            ["OKTA_CLIENT_RATELIMIT_MAXRETRIES"] = "7",
        });

        var connection = await builder.BuildAsync(new ConnectionRequest { OrgUrl = "param.okta.com", MaxApiCapacity = 50 },
            CancellationToken.None);

        Assert.Equal("https://param.okta.com/", connection.Client.OrgUrl.AbsoluteUri);
        Assert.Equal(7, connection.Client.Options.MaxRetries);
        Assert.Equal(50, connection.Client.Options.MaxApiCapacity);
        Assert.Equal("SSWS", connection.Credential.Mode);
        Assert.StartsWith("parameters, environment", connection.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("env-token", connection.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(101, null, null)]
    [InlineData(null, -1.0, null)]
    [InlineData(null, 86401.0, null)]
    [InlineData(null, null, 0)]
    public async Task Limits_HaveOneRange_WhereverTheyComeFrom(int? retries, double? timeoutSeconds, int? capacity)
    {
        var builder = Builder(new() { ["OKTA_CLIENT_TOKEN"] = "t" });
        var request = new ConnectionRequest
        {
            OrgUrl = "https://dev-1.okta.com",
            MaxRetries = retries,
            RequestTimeout = timeoutSeconds is double s ? TimeSpan.FromSeconds(s) : null,
            MaxApiCapacity = capacity,
        };
        var ex = await Assert.ThrowsAsync<OktaConfigurationException>(() => builder.BuildAsync(request, CancellationToken.None));
        Assert.Equal(ConfigurationProblem.SettingInvalid, ex.Problem);

        var fromEnvironment = new Dictionary<string, string?> { ["OKTA_CLIENT_ORGURL"] = "https://dev-1.okta.com", ["OKTA_CLIENT_TOKEN"] = "t" };
        if (retries is int r)
        {
            fromEnvironment["OKTA_CLIENT_RATELIMIT_MAXRETRIES"] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (timeoutSeconds is double t)
        {
            fromEnvironment["OKTA_CLIENT_REQUESTTIMEOUT"] = t.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (capacity is int c)
        {
            fromEnvironment["OKTA_CLIENT_MAXAPICAPACITY"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var envError = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(fromEnvironment, null));
        Assert.Equal(ConfigurationProblem.SettingInvalid, envError.Problem);
    }

    [Fact]
    public async Task App_KeyFromTheEnvironment_IsOpenedOnce_AndDescribedWithoutSecrets()
    {
        var loads = 0;
        var builder = Builder(new()
        {
            ["OKTA_CLIENT_ORGURL"] = "https://dev-1.okta.com",
            ["OKTA_CLIENT_CLIENTID"] = "0oaEnv",
            ["OKTA_CLIENT_SCOPES"] = "okta.users.read okta.apps.read",
            ["OKTA_CLIENT_PRIVATEKEY"] = TestKeys.RsaPkcs1Pem,
            ["OKTA_CLIENT_PRIVATEKEYID"] = "kid-env",
        }, () => loads++);

        var connection = await builder.BuildAsync(new ConnectionRequest(), CancellationToken.None);

        Assert.Equal(1, loads);
        var credential = connection.Credential;
        Assert.Equal("PrivateKey", credential.Mode);
        Assert.Equal("0oaEnv", credential.ClientId);
        Assert.Equal("kid-env", credential.KeyId);
        Assert.Equal(new[] { "okta.users.read", "okta.apps.read" }, credential.Scopes);
        Assert.Null(credential.TokenExpiresOn);
    }

    [Fact]
    public async Task ResolveApp_ReadsNoSettings_WhenTheParametersSayEverything()
    {
        var loads = 0;
        var builder = Builder(new(), () => loads++);
        using var key = SigningKey.Generate("RS256");
        var request = new ConnectionRequest { OrgUrl = "dev-1.okta.com", ClientId = "0oa1", Key = new SignerKeySource(key) };

        var app = await builder.ResolveAppAsync(request, connected: null, orgRequired: true, CancellationToken.None);

        Assert.Equal(0, loads);
        Assert.Equal("0oa1", app.ClientId);
        Assert.Same(key, app.Signer);
        Assert.Equal("https://dev-1.okta.com/", app.OrgUrl!.AbsoluteUri);
    }

    [Fact]
    public async Task ResolveApp_OrgComesFromTheConnectionInUse_BeforeTheEnvironment()
    {
        var builder = Builder(new() { ["OKTA_CLIENT_ORGURL"] = "https://env.okta.com", ["OKTA_CLIENT_TOKEN"] = "t" });
        var connected = await builder.BuildAsync(new ConnectionRequest { OrgUrl = "https://connected.okta.com" }, CancellationToken.None);
        using var key = SigningKey.Generate("RS256");

        var app = await builder.ResolveAppAsync(new ConnectionRequest { ClientId = "0oa1", Key = new SignerKeySource(key) }, connected,
            orgRequired: true, CancellationToken.None);

        Assert.Equal("https://connected.okta.com/", app.OrgUrl!.AbsoluteUri);
        Assert.Same(connected.Client.Options, app.Tokens().Http.Options);
    }

    [Fact]
    public async Task ResolveApp_WithoutAnyOrg_IsNotConnected_UnlessTheOrgIsNotNeeded()
    {
        var builder = Builder(new());
        using var key = SigningKey.Generate("RS256");
        var request = new ConnectionRequest { ClientId = "0oa1", Key = new SignerKeySource(key) };

        var app = await builder.ResolveAppAsync(request, null, orgRequired: false, CancellationToken.None);
        Assert.Null(app.OrgUrl);

        var ex = await Assert.ThrowsAsync<OktaConfigurationException>(() =>
            builder.ResolveAppAsync(request, null, orgRequired: true, CancellationToken.None));
        Assert.Equal(ConfigurationProblem.NotConnected, ex.Problem);
    }

    [Fact]
    public async Task Ambient_IsReusedUntilTheSettingsChange()
    {
        var environment = new Dictionary<string, string?> { ["OKTA_CLIENT_ORGURL"] = "https://dev-1.okta.com", ["OKTA_CLIENT_TOKEN"] = "a" };
        var builder = Builder(environment);
        var ambient = new AmbientConnection();

        var first = await ambient.GetAsync(builder, CancellationToken.None);
        Assert.Same(first, await ambient.GetAsync(builder, CancellationToken.None));

        environment["OKTA_CLIENT_TOKEN"] = "b";
        Assert.NotSame(first, await ambient.GetAsync(builder, CancellationToken.None));
    }
}
