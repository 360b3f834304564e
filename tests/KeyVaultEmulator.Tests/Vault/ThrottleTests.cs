namespace KeyVaultEmulator.Tests.Vault;

/// <summary>Throttling: the next N vault calls are 429 (or 503) with Retry-After; then calls are served again.</summary>
public sealed class ThrottleTests : VaultTest
{
    [Fact]
    public async Task The_next_n_calls_are_429_throttled_with_retry_after_then_served()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        Vault.Emulator.ThrottleNext(2, retryAfterSeconds: 7);
        for (var i = 0; i < 2; i++)
        {
            using var throttled = await Vault.SignAsync(kid, token, "RS256", new byte[32]);
            await VaultExpect.ErrorAsync(throttled, (HttpStatusCode)429, "Throttled");
            Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter!.Delta);
        }

        using var served = await Vault.SignAsync(kid, token, "RS256", new byte[32]);
        await VaultExpect.OkAsync(served);
        Assert.Equal(3, Vault.Emulator.Stats.SignRequests);
        Assert.Equal(1, Vault.Emulator.Stats.Signatures);
        Assert.Equal(2, Vault.Emulator.Stats.StatusCount(429));
    }

    [Fact]
    public async Task A_503_throttle_answers_service_unavailable_with_retry_after()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        var token = await Vault.IdentityTokenAsync();
        Vault.Emulator.ThrottleNext(1, retryAfterSeconds: 0, status: 503);
        using var unavailable = await Vault.GetKeyAsync(kid, token);
        await VaultExpect.ErrorAsync(unavailable, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.Equal(TimeSpan.Zero, unavailable.Headers.RetryAfter!.Delta);
        using var served = await Vault.GetKeyAsync(kid, token);
        await VaultExpect.OkAsync(served);
    }

    [Fact]
    public async Task An_unauthenticated_call_is_401_and_does_not_use_up_the_throttle()
    {
        var kid = Vault.Emulator.CreateKey("rsa", KeySpec.Rsa());
        Vault.Emulator.ThrottleNext(1);
        using var anonymous = await Vault.GetKeyAsync(kid, token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var throttled = await Vault.GetKeyAsync(kid, await Vault.IdentityTokenAsync());
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
    }
}
