namespace KeyVaultEmulator.Tests.Support;

/// <summary>One emulator per test class on a random port, with a hand-moved clock, and a client that speaks its wire format.</summary>
public sealed class VaultFixture : IAsyncLifetime
{
    private VaultEmulator? _emulator;

    public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    public VaultEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");
    public HttpClient Http { get; } = new();

    public async Task InitializeAsync() =>
        _emulator = await VaultEmulator.StartAsync(new VaultEmulatorOptions { Clock = () => Now, IdentityHeader = "test-identity-header" });

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>A token from the App Service style endpoint, as a managed identity gets it.</summary>
    public async Task<string> IdentityTokenAsync(string resource = "https://vault.azure.net")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{Emulator.IdentityEndpoint}?resource={Uri.EscapeDataString(resource)}&api-version=2019-08-01");
        request.Headers.Add("X-IDENTITY-HEADER", Emulator.IdentityHeader);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> GetKeyAsync(string kid, string? token, string apiVersion = "7.4") =>
        SendAsync(HttpMethod.Get, $"{kid}?api-version={apiVersion}", token, null);

    public Task<HttpResponseMessage> SignAsync(string kid, string? token, string alg, byte[] digest) =>
        SendAsync(HttpMethod.Post, $"{kid}/sign?api-version=7.4", token,
            new JsonObject { ["alg"] = alg, ["value"] = Base64Url.Encode(digest) }.ToJsonString());

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, string? json)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }
}
