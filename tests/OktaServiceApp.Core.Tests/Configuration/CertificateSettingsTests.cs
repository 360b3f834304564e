using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Configuration;
using Xunit;

namespace OktaServiceApp.Core.Tests.Configuration;

public sealed class CertificateSettingsTests : IDisposable
{
    private const string Thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    private const string Pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "okta-cert-settings-" + Guid.NewGuid().ToString("N"));

    public CertificateSettingsTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Environment_NamesACertificate_AndImpliesPrivateKeyMode()
    {
        var settings = SettingsLoader.Load(new Dictionary<string, string?>
        {
            ["OKTA_CLIENT_ORGURL"] = "https://dev-1.okta.com",
            ["OKTA_CLIENT_CLIENTID"] = "0oa1",
            ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = Thumbprint,
            ["OKTA_CLIENT_CERTIFICATESTORELOCATION"] = "localmachine",
        }, null);

        Assert.Equal(Thumbprint, settings.CertificateThumbprint);
        Assert.Equal(StoreLocation.LocalMachine, settings.CertificateStoreLocation);
        Assert.Equal(AuthorizationMode.PrivateKey, settings.Mode);
        Assert.Contains("CertificateThumbprint", settings.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_NamesACertificate_WithCurrentUserByDefault()
    {
        var path = Yaml($"""
            okta:
              client:
                orgUrl: https://dev-1.okta.com
                clientId: 0oa1
                certificateThumbprint: "{Thumbprint}"
            """);

        var settings = SettingsLoader.Load(new Dictionary<string, string?>(), path);

        Assert.Equal(Thumbprint, settings.CertificateThumbprint);
        Assert.Equal(StoreLocation.CurrentUser, settings.CertificateStoreLocation);
        Assert.Equal(AuthorizationMode.PrivateKey, settings.Mode);
    }

    [Fact]
    public void AKeyInTheEnvironment_ReplacesTheYamlKeyWhole_WhicheverKindEachIs()
    {
        var path = Yaml($"""
            okta:
              client:
                privateKey: "./svc.pem"
            """);
        var certificateInEnvironment = SettingsLoader.Load(new Dictionary<string, string?>
        {
            ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = Thumbprint,
        }, path);
        Assert.Equal(Thumbprint, certificateInEnvironment.CertificateThumbprint);
        Assert.Null(certificateInEnvironment.PrivateKey);

        var yamlCertificate = Yaml($"""
            okta:
              client:
                certificateThumbprint: "{Thumbprint}"
            """);
        var pemInEnvironment = SettingsLoader.Load(new Dictionary<string, string?> { ["OKTA_CLIENT_PRIVATEKEY"] = Pem }, yamlCertificate);
        Assert.Equal(Pem, pemInEnvironment.PrivateKey);
        Assert.Null(pemInEnvironment.CertificateThumbprint);
    }

    [Fact]
    public void TwoKeysInOneSource_AreRefused()
    {
        var error = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(new Dictionary<string, string?>
        {
            ["OKTA_CLIENT_PRIVATEKEY"] = Pem,
            ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = Thumbprint,
        }, null));
        Assert.Equal(ConfigurationProblem.SettingInvalid, error.Problem);
        Assert.Contains("OKTA_CLIENT_CERTIFICATETHUMBPRINT", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIEow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoreLocationThatIsNone_IsSettingInvalid_NamingWhereItCameFrom()
    {
        var error = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(new Dictionary<string, string?>
        {
            ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = Thumbprint,
            ["OKTA_CLIENT_CERTIFICATESTORELOCATION"] = "Root",
        }, null));
        Assert.Equal(ConfigurationProblem.SettingInvalid, error.Problem);
        Assert.Contains("OKTA_CLIENT_CERTIFICATESTORELOCATION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFingerprint_ChangesWithTheCertificate()
    {
        var one = SettingsLoader.Load(new Dictionary<string, string?> { ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = Thumbprint }, null);
        var other = SettingsLoader.Load(new Dictionary<string, string?>
        {
            ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = Thumbprint,
            ["OKTA_CLIENT_CERTIFICATESTORELOCATION"] = "LocalMachine",
        }, null);
        Assert.NotEqual(one.Fingerprint(), other.Fingerprint());
    }

    private string Yaml(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
