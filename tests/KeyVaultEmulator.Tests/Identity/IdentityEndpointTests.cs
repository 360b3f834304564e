namespace KeyVaultEmulator.Tests.Identity;

/// <summary>The App Service / Automation endpoint (IDENTITY_ENDPOINT + X-IDENTITY-HEADER) and the instance metadata endpoint.</summary>
public sealed class IdentityEndpointTests : VaultTest
{
    [Fact]
    public async Task App_service_endpoint_answers_a_bearer_token_for_the_resource_with_expires_on_in_epoch_seconds()
    {
        using var response = await IdentityAsync("https://vault.azure.net", Vault.Emulator.IdentityHeader);
        var body = await VaultExpect.OkAsync(response);
        Assert.StartsWith("kvemu.", body["access_token"]!.GetValue<string>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal("https://vault.azure.net", body["resource"]!.GetValue<string>());
        Assert.Equal((Vault.Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(), body["expires_on"]!.GetValue<string>());
        Assert.Equal(1, Vault.Emulator.Stats.IdentityRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-header")]
    public async Task App_service_endpoint_refuses_a_missing_or_wrong_identity_header(string? header)
    {
        using var response = await IdentityAsync("https://vault.azure.net", header);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]);
    }

    [Fact]
    public async Task App_service_endpoint_wants_api_version_2019_08_01_and_a_resource()
    {
        using var oldVersion = await SendAsync($"{Vault.Emulator.IdentityEndpoint}?resource=https://vault.azure.net&api-version=2017-09-01",
            "X-IDENTITY-HEADER", Vault.Emulator.IdentityHeader);
        Assert.Equal(HttpStatusCode.BadRequest, oldVersion.StatusCode);
        using var noResource = await SendAsync($"{Vault.Emulator.IdentityEndpoint}?api-version=2019-08-01",
            "X-IDENTITY-HEADER", Vault.Emulator.IdentityHeader);
        Assert.Equal(HttpStatusCode.BadRequest, noResource.StatusCode);
    }

    [Fact]
    public async Task Imds_answers_with_the_metadata_header_and_adds_expires_in()
    {
        using var response = await SendAsync(
            $"{Vault.Emulator.ImdsEndpoint}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net",
            "Metadata", "true");
        var body = await VaultExpect.OkAsync(response);
        Assert.Equal("3600", body["expires_in"]!.GetValue<string>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(1, Vault.Emulator.Stats.ImdsRequests);
    }

    [Fact]
    public async Task Imds_refuses_a_call_without_the_metadata_header()
    {
        using var response = await SendAsync(
            $"{Vault.Emulator.ImdsEndpoint}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net",
            null, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Imds_wants_an_api_version_and_a_resource()
    {
        using var noVersion = await SendAsync(
            $"{Vault.Emulator.ImdsEndpoint}/metadata/identity/oauth2/token?resource=https%3A%2F%2Fvault.azure.net", "Metadata", "true");
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        using var noResource = await SendAsync(
            $"{Vault.Emulator.ImdsEndpoint}/metadata/identity/oauth2/token?api-version=2018-02-01", "Metadata", "true");
        Assert.Equal(HttpStatusCode.BadRequest, noResource.StatusCode);
        Assert.Equal(2, Vault.Emulator.Stats.ImdsRequests);
        Assert.Equal(2, Vault.Emulator.Stats.StatusCount(400));
    }

    private Task<HttpResponseMessage> IdentityAsync(string resource, string? header) =>
        SendAsync($"{Vault.Emulator.IdentityEndpoint}?resource={Uri.EscapeDataString(resource)}&api-version=2019-08-01",
            header is null ? null : "X-IDENTITY-HEADER", header);

    private async Task<HttpResponseMessage> SendAsync(string url, string? headerName, string? headerValue)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (headerName is not null)
        {
            request.Headers.Add(headerName, headerValue);
        }

        return await Vault.Http.SendAsync(request);
    }
}
