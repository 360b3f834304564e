using System.Net;
using System.Net.Sockets;
using System.Text;
using KeyVaultEmulator;
using KeyVaultEmulator.Vault;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Key Vault's refusals become typed key problems; no message ever carries a token.</summary>
public sealed class KeyVaultEmulatorErrorTests : KeyVaultEmulatorTests
{
    private static readonly byte[] s_input = Encoding.ASCII.GetBytes("header.payload");

    [Fact]
    public async Task An_identity_without_a_role_is_forbidden_at_open()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        Vault.Role = VaultRole.None;
        var ex = await Assert.ThrowsAsync<KeyException>(() => Source(kid).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultForbidden, ex.Problem);
        Assert.Equal(1, Vault.Stats.KeyGets);
    }

    [Fact]
    public async Task A_reader_opens_the_key_but_is_forbidden_to_sign()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        Vault.Role = VaultRole.Reader;
        var signer = await Source(kid).OpenAsync(CancellationToken.None);
        var ex = await Assert.ThrowsAsync<KeyException>(() => signer.SignAsync(s_input, CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultForbidden, ex.Problem);
        Assert.Equal(1, Vault.Stats.SignRequests);
    }

    [Fact]
    public async Task An_unknown_key_name_or_version_is_key_not_found()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var name = await Assert.ThrowsAsync<KeyException>(() => Source($"{Vault.VaultUrl}/keys/other-app").OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultKeyNotFound, name.Problem);
        var version = await Assert.ThrowsAsync<KeyException>(() =>
            Source(kid[..^32] + "0123456789abcdef0123456789abcdef").OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultKeyNotFound, version.Problem);
    }

    [Fact]
    public async Task A_disabled_key_is_unusable()
    {
        var kid = Vault.CreateKey("okta-app", new KeySpec("RSA", Enabled: false));
        var ex = await Assert.ThrowsAsync<KeyException>(() => Source(kid).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultKeyUnusable, ex.Problem);
    }

    [Fact]
    public async Task A_passed_token_for_another_resource_is_unauthorized_and_not_retried()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var token = Vault.IssueToken("https://management.azure.com/");
        var ex = await Assert.ThrowsAsync<KeyException>(() => Source(kid, PassedToken(token)).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultUnauthorized, ex.Problem);
        Assert.DoesNotContain(token, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Vault.Stats.KeyGets);
    }

    [Fact]
    public async Task A_made_up_passed_token_is_unauthorized_and_never_echoed()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        const string token = "kvemu.this-token-is-not-known-to-the-vault";
        var ex = await Assert.ThrowsAsync<KeyException>(() => Source(kid, PassedToken(token)).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultUnauthorized, ex.Problem);
        Assert.DoesNotContain("this-token-is-not-known", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_identity_header_is_managed_identity_unavailable()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var ex = await Assert.ThrowsAsync<KeyException>(() =>
            Source(kid, AppServiceIdentity(header: "not-the-header")).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.ManagedIdentityUnavailable, ex.Problem);
        Assert.DoesNotContain("not-the-header", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Vault.Stats.KeyGets);
    }

    [Fact]
    public async Task No_metadata_service_is_managed_identity_unavailable()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var credential = KeyVaultCredential.ManagedIdentity(IdentityTokens, new ManagedIdentityOptions { ImdsEndpoint = new Uri($"http://127.0.0.1:{port}") });
        var ex = await Assert.ThrowsAsync<KeyException>(() => Source(kid, credential).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.ManagedIdentityUnavailable, ex.Problem);
        Assert.Empty(Waits);
    }

    [Fact]
    public async Task Throttling_beyond_the_retries_is_key_vault_throttled()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var signer = await Source(kid).OpenAsync(CancellationToken.None);
        Vault.ThrottleNext(10, retryAfterSeconds: 1);
        var ex = await Assert.ThrowsAsync<KeyException>(() => signer.SignAsync(s_input, CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultThrottled, ex.Problem);
        Assert.Equal(3, Waits.Count);
        Assert.Equal(4, Vault.Stats.SignRequests);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_bound_is_not_waited_for()
    {
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        Vault.ThrottleNext(1, retryAfterSeconds: 3600);
        var ex = await Assert.ThrowsAsync<KeyException>(() => Source(kid).OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.KeyVaultThrottled, ex.Problem);
        Assert.Empty(Waits);
    }

    [Fact]
    public async Task An_http_key_id_off_loopback_is_refused_before_any_call()
    {
        var ex = Assert.Throws<KeyException>(() => Source("http://my-vault.vault.azure.net/keys/okta-app"));
        Assert.Equal(KeyProblem.KeyVaultKeyIdInvalid, ex.Problem);
        await Task.CompletedTask;
    }
}
