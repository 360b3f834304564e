using System.Net;
using System.Net.Sockets;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>The Key Vault problems, from the answers that cause them (the emulator tests, KeyVaultEmulator*Tests, run them
/// end to end on net10.0; these run on every runtime).</summary>
public sealed partial class KeyProblemTests
{
    private static readonly KeyVaultKeyId s_vaultKey = KeyVaultKeyId.Parse("https://v.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef");

    [Fact]
    public void Problem_KeyVaultKeyIdInvalid() =>
        Assert.Equal(KeyProblem.KeyVaultKeyIdInvalid, Assert.Throws<KeyException>(() => KeyVaultKeyId.Parse("http://v.vault.azure.net/keys/k")).Problem);

    [Fact]
    public void Problem_KeyVaultUnauthorized() =>
        Assert.Equal(KeyProblem.KeyVaultUnauthorized, VaultAnswer(401,
            "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10022: Invalid audience.\"}}").Problem);

    [Fact]
    public void Problem_KeyVaultForbidden() =>
        Assert.Equal(KeyProblem.KeyVaultForbidden, VaultAnswer(403,
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Caller is not authorized\",\"innererror\":{\"code\":\"ForbiddenByRbac\"}}}").Problem);

    [Fact]
    public void Problem_KeyVaultKeyNotFound() =>
        Assert.Equal(KeyProblem.KeyVaultKeyNotFound, VaultAnswer(404, "{\"error\":{\"code\":\"KeyNotFound\",\"message\":\"A key was not found\"}}").Problem);

    [Fact]
    public void Problem_KeyVaultKeyUnusable()
    {
        Assert.Equal(KeyProblem.KeyVaultKeyUnusable, VaultAnswer(403,
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation get is not allowed on a disabled key.\",\"innererror\":{\"code\":\"KeyDisabled\"}}}").Problem);
        var noSign = "{\"key\":{\"kid\":\"" + s_vaultKey + "\",\"kty\":\"RSA\",\"key_ops\":[\"encrypt\"],\"n\":\"AQAB\",\"e\":\"AQAB\"}}";
        Assert.Equal(KeyProblem.KeyVaultKeyUnusable, Assert.Throws<KeyException>(() => KeyVaultPublicKey.Parse(noSign, s_vaultKey)).Problem);
    }

    [Fact]
    public void Problem_KeyVaultBadRequest() =>
        Assert.Equal(KeyProblem.KeyVaultBadRequest, VaultAnswer(400, "{\"error\":{\"code\":\"BadParameter\",\"message\":\"Invalid length\"}}").Problem);

    [Fact]
    public void Problem_KeyVaultThrottled() =>
        Assert.Equal(KeyProblem.KeyVaultThrottled, VaultAnswer(429, "{\"error\":{\"code\":\"Throttled\",\"message\":\"Too many\"}}").Problem);

    [Fact]
    public void Problem_KeyVaultUnavailable()
    {
        Assert.Equal(KeyProblem.KeyVaultUnavailable, VaultAnswer(500, "not json").Problem);
        // A kid on another host is refused: signatures (and the token) would go there.
        var elsewhere = "{\"key\":{\"kid\":\"https://evil.example.net/keys/k/0123456789abcdef0123456789abcdef\",\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}}";
        Assert.Equal(KeyProblem.KeyVaultUnavailable, Assert.Throws<KeyException>(() => KeyVaultPublicKey.Parse(elsewhere, s_vaultKey)).Problem);
    }

    [Fact]
    public async Task Problem_ManagedIdentityUnavailable()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var credential = KeyVaultCredential.ManagedIdentity(new Core.Sharing.IdentityTokenCache(), new ManagedIdentityOptions { ImdsEndpoint = new Uri($"http://127.0.0.1:{port}") });
        var source = new Core.Keys.Sources.KeyVaultKeySource($"http://127.0.0.1:{port}/keys/k", new Core.Sharing.OktaRegistry(), credential);
        var ex = await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None));
        Assert.Equal(KeyProblem.ManagedIdentityUnavailable, ex.Problem);
    }

    private static KeyException VaultAnswer(int status, string body) =>
        KeyVaultErrors.From(new KeyVaultAnswer(status, body, null, status == 401), s_vaultKey, signing: true,
            KeyVaultCredential.ManagedIdentity(new Core.Sharing.IdentityTokenCache(), new ManagedIdentityOptions()));
}
