using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Key Vault key ids: https (http only on loopback, as for the org URL), /keys/{name}[/{version}], nothing else.</summary>
public sealed class KeyVaultKeyIdTests
{
    [Theory]
    [InlineData("https://my-vault.vault.azure.net/keys/okta-app/0123456789ABCDEF0123456789abcdef", "okta-app", "0123456789abcdef0123456789abcdef")]
    [InlineData("https://my-vault.vault.azure.net/keys/okta-app/0123456789abcdef0123456789abcdef/", "okta-app", "0123456789abcdef0123456789abcdef")]
    [InlineData("https://my-vault.vault.azure.net/keys/okta-app", "okta-app", null)]
    [InlineData("  https://my-vault.vault.azure.net:443/keys/okta-app  ", "okta-app", null)]
    [InlineData("http://127.0.0.1:8080/keys/k/0123456789abcdef0123456789abcdef", "k", "0123456789abcdef0123456789abcdef")]
    [InlineData("http://localhost:8080/keys/k", "k", null)]
    [InlineData("http://[::1]:8080/keys/k", "k", null)]
    public void A_key_id_gives_its_vault_name_and_version(string text, string name, string? version)
    {
        var id = KeyVaultKeyId.Parse(text);
        Assert.Equal(name, id.Name);
        Assert.Equal(version, id.Version);
        Assert.Equal("", id.Vault.AbsolutePath.Trim('/'));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("my-vault.vault.azure.net/keys/k")]
    [InlineData("http://my-vault.vault.azure.net/keys/k")]
    [InlineData("ftp://my-vault.vault.azure.net/keys/k")]
    [InlineData("https://my-vault.vault.azure.net/secrets/k")]
    [InlineData("https://my-vault.vault.azure.net/keys")]
    [InlineData("https://my-vault.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef/sign")]
    [InlineData("https://my-vault.vault.azure.net/keys/k/not-a-version")]
    [InlineData("https://my-vault.vault.azure.net/keys/k_underscore")]
    [InlineData("https://my-vault.vault.azure.net/keys/k?api-version=7.4")]
    [InlineData("https://user:pw@my-vault.vault.azure.net/keys/k")]
    public void Anything_else_is_refused_as_an_invalid_key_vault_key_id(string? text)
    {
        var ex = Assert.Throws<KeyException>(() => KeyVaultKeyId.Parse(text));
        Assert.Equal(KeyProblem.KeyVaultKeyIdInvalid, ex.Problem);
    }

    [Theory]
    [InlineData("https://v.vault.azure.net/keys/k", "https://vault.azure.net")]
    [InlineData("https://v.vault.azure.cn/keys/k", "https://vault.azure.cn")]
    [InlineData("https://v.vault.usgovcloudapi.net/keys/k", "https://vault.usgovcloudapi.net")]
    [InlineData("https://h.managedhsm.azure.net/keys/k", "https://managedhsm.azure.net")]
    [InlineData("http://127.0.0.1:9/keys/k", "https://vault.azure.net")]
    public void The_token_resource_follows_the_vaults_cloud(string text, string resource) =>
        Assert.Equal(resource, KeyVaultKeyId.Parse(text).Resource);

    [Fact]
    public void The_text_form_is_the_kid_key_vault_writes() =>
        Assert.Equal("https://v.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef",
            KeyVaultKeyId.Parse("https://V.vault.azure.net:443/keys/k/0123456789ABCDEF0123456789ABCDEF/").ToString());

    [Fact]
    public void Managed_identity_options_come_from_identity_endpoint_and_header_only_together()
    {
        var both = ManagedIdentityOptions.FromEnvironment(name => name switch
        {
            "IDENTITY_ENDPOINT" => "http://127.0.0.1:41741/MSI/token/",
            "IDENTITY_HEADER" => "secret",
            _ => null,
        });
        Assert.Equal("http://127.0.0.1:41741/MSI/token/", both.IdentityEndpoint!.AbsoluteUri);
        Assert.Equal(ManagedIdentityOptions.DefaultImdsEndpoint, both.ImdsEndpoint);

        var endpointOnly = ManagedIdentityOptions.FromEnvironment(name => name == "IDENTITY_ENDPOINT" ? "http://127.0.0.1:1/" : null);
        Assert.Null(endpointOnly.IdentityEndpoint);

        var imds = ManagedIdentityOptions.FromEnvironment(name => name == "AZURE_POD_IDENTITY_AUTHORITY_HOST" ? "http://127.0.0.1:2" : null);
        Assert.Equal("http://127.0.0.1:2/", imds.ImdsEndpoint.AbsoluteUri);
    }
}
