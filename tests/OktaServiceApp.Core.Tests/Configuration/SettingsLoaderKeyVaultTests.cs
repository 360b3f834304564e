using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Sharing;
using Xunit;

namespace OktaServiceApp.Core.Tests.Configuration;

/// <summary>OKTA_CLIENT_KEYVAULTKEYID and okta.client.keyVaultKeyId: the key is one setting, the environment's beats the file's.</summary>
public sealed class SettingsLoaderKeyVaultTests : IDisposable
{
    private const string VaultKey = "https://my-vault.vault.azure.net/keys/okta-app/0123456789abcdef0123456789abcdef";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "okta-kv-settings-" + Guid.NewGuid().ToString("N"));

    public SettingsLoaderKeyVaultTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_environment_variable_names_the_key_and_makes_it_a_private_key_connection()
    {
        var settings = SettingsLoader.Load(Env(
            ("OKTA_CLIENT_ORGURL", "https://dev-1.okta.com"),
            ("OKTA_CLIENT_CLIENTID", "0oa1"),
            ("OKTA_CLIENT_KEYVAULTKEYID", " " + VaultKey + " ")), Missing());

        Assert.Equal(VaultKey, settings.KeyVaultKeyId);
        Assert.Null(settings.PrivateKey);
        Assert.Equal(AuthorizationMode.PrivateKey, settings.Mode);
        Assert.Contains("KeyVaultKeyId", settings.Source);
    }

    [Fact]
    public void Okta_yaml_names_the_key_under_okta_client()
    {
        var path = Yaml($"okta:\n  client:\n    orgUrl: https://dev-1.okta.com\n    clientId: 0oa1\n    keyVaultKeyId: {VaultKey}\n");
        var settings = SettingsLoader.Load(Env(), path);
        Assert.Equal(VaultKey, settings.KeyVaultKeyId);
        Assert.Equal(AuthorizationMode.PrivateKey, settings.Mode);
    }

    [Fact]
    public void The_environments_vault_key_beats_the_files_private_key_and_the_other_way_round()
    {
        var fileKey = Yaml("okta:\n  client:\n    privateKey: ./svc.pem\n");
        var vaultFromEnv = SettingsLoader.Load(Env(("OKTA_CLIENT_KEYVAULTKEYID", VaultKey)), fileKey);
        Assert.Equal(VaultKey, vaultFromEnv.KeyVaultKeyId);
        Assert.Null(vaultFromEnv.PrivateKey);

        var vaultKey = Yaml($"okta:\n  client:\n    keyVaultKeyId: {VaultKey}\n");
        var fileFromEnv = SettingsLoader.Load(Env(("OKTA_CLIENT_PRIVATEKEY", "./env.pem")), vaultKey);
        Assert.Equal("./env.pem", fileFromEnv.PrivateKey);
        Assert.Null(fileFromEnv.KeyVaultKeyId);
    }

    [Fact]
    public void One_source_naming_both_keys_is_refused()
    {
        var ex = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env(
            ("OKTA_CLIENT_PRIVATEKEY", "./svc.pem"), ("OKTA_CLIENT_KEYVAULTKEYID", VaultKey)), Missing()));
        Assert.Equal(ConfigurationProblem.SettingInvalid, ex.Problem);
    }

    [Fact]
    public void A_vault_key_and_a_certificate_in_one_layer_are_refused_in_either_layer()
    {
        const string thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
        var env = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env(
            ("OKTA_CLIENT_CERTIFICATETHUMBPRINT", thumbprint), ("OKTA_CLIENT_KEYVAULTKEYID", VaultKey)), Missing()));
        Assert.Equal(ConfigurationProblem.SettingInvalid, env.Problem);

        var both = Yaml($"okta:\n  client:\n    certificateThumbprint: \"{thumbprint}\"\n    keyVaultKeyId: {VaultKey}\n");
        var yaml = Assert.Throws<OktaConfigurationException>(() => SettingsLoader.Load(Env(), both));
        Assert.Equal(ConfigurationProblem.SettingInvalid, yaml.Problem);
    }

    [Fact]
    public void The_environments_vault_key_beats_the_files_certificate_and_the_other_way_round()
    {
        const string thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
        var certificateFile = Yaml($"okta:\n  client:\n    certificateThumbprint: \"{thumbprint}\"\n");
        var vaultFromEnv = SettingsLoader.Load(Env(("OKTA_CLIENT_KEYVAULTKEYID", VaultKey)), certificateFile);
        Assert.Equal(VaultKey, vaultFromEnv.KeyVaultKeyId);
        Assert.Null(vaultFromEnv.CertificateThumbprint);

        var vaultFile = Yaml($"okta:\n  client:\n    keyVaultKeyId: {VaultKey}\n");
        var certificateFromEnv = SettingsLoader.Load(Env(("OKTA_CLIENT_CERTIFICATETHUMBPRINT", thumbprint)), vaultFile);
        Assert.Equal(thumbprint, certificateFromEnv.CertificateThumbprint);
        Assert.Null(certificateFromEnv.KeyVaultKeyId);
    }

    [Fact]
    public void The_key_id_changes_the_fingerprint()
    {
        var one = SettingsLoader.Load(Env(("OKTA_CLIENT_KEYVAULTKEYID", VaultKey)), Missing());
        var other = SettingsLoader.Load(Env(("OKTA_CLIENT_KEYVAULTKEYID", VaultKey.Replace("okta-app", "okta-next"))), Missing());
        Assert.NotEqual(one.Fingerprint(), other.Fingerprint());
    }

    [Fact]
    public async Task The_builder_opens_the_vault_key_from_the_settings()
    {
        // An http:// vault off loopback is refused by the Key Vault source before any request: proof that it was chosen.
        var settings = SettingsLoader.Load(Env(
            ("OKTA_CLIENT_ORGURL", "https://dev-1.okta.com"), ("OKTA_CLIENT_CLIENTID", "0oa1"),
            ("OKTA_CLIENT_KEYVAULTKEYID", "http://my-vault.vault.azure.net/keys/okta-app")), Missing());
        var builder = new ConnectionBuilder(new OktaRegistry(), () => settings);
        var ex = await Assert.ThrowsAsync<KeyException>(() =>
            builder.ResolveAppAsync(new ConnectionRequest(), null, orgRequired: true, CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultKeyIdInvalid, ex.Problem);
    }

    private string Yaml(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private string Missing() => Path.Combine(_folder, "missing.yaml");

    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);
}
