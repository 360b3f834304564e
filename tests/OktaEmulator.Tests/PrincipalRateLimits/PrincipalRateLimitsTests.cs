namespace OktaEmulator.Tests.PrincipalRateLimits;

/// <summary>/api/v1/principal-rate-limits: one entity per principal, a required filter, percentages 0–100, replace by id.</summary>
public sealed class PrincipalRateLimitsTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private static JsonObject Entity(string clientId, int percent) => new()
    {
        ["principalId"] = clientId, ["principalType"] = "OAUTH_CLIENT", ["defaultPercentage"] = percent, ["defaultConcurrencyPercentage"] = percent,
    };

    [Fact]
    public async Task Create_answers_201_and_the_filtered_list_and_get_find_it()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var created = await org.Api.PostAsync("/api/v1/principal-rate-limits", Entity(clientId, 30));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entity = await OrgApi.JsonAsync(created);
        var id = entity["id"]!.GetValue<string>();
        Assert.StartsWith("prl", id);
        Assert.StartsWith("00o", entity["orgId"]!.GetValue<string>());
        Assert.Equal(30, entity["defaultPercentage"]!.GetValue<int>());
        Assert.NotNull(entity["createdBy"]);
        Assert.NotNull(entity["lastUpdate"]);

        using var list = await org.Api.GetAsync("/api/v1/principal-rate-limits?filter=" + Uri.EscapeDataString("principalType eq \"OAUTH_CLIENT\""));
        Assert.Contains((await OrgApi.JsonAsync(list)).AsArray(), e => e!["principalId"]!.GetValue<string>() == clientId);
        using var tokens = await org.Api.GetAsync("/api/v1/principal-rate-limits?filter=" + Uri.EscapeDataString("principalType eq \"SSWS_TOKEN\""));
        Assert.DoesNotContain((await OrgApi.JsonAsync(tokens)).AsArray(), e => e!["principalId"]!.GetValue<string>() == clientId);

        using var get = await org.Api.GetAsync($"/api/v1/principal-rate-limits/{id}");
        Assert.Equal(clientId, (await OrgApi.JsonAsync(get))["principalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_list_needs_a_valid_filter()
    {
        using var none = await org.Api.GetAsync("/api/v1/principal-rate-limits");
        await Expect.OktaErrorAsync(none, HttpStatusCode.BadRequest, "E0000001");
        using var bad = await org.Api.GetAsync("/api/v1/principal-rate-limits?filter=" + Uri.EscapeDataString("principalType eq \"USER\""));
        await Expect.OktaErrorAsync(bad, HttpStatusCode.BadRequest, "E0000001");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task A_percent_outside_0_to_100_is_400_E0000001_and_nothing_is_stored(int percent)
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var response = await org.Api.PostAsync("/api/v1/principal-rate-limits", Entity(clientId, percent));
        Assert.Contains("0 to 100", await Expect.OktaCauseAsync(response, HttpStatusCode.BadRequest, "E0000001"));
        Assert.Null(org.Emulator.State.RateLimitFor(clientId));
    }

    [Fact]
    public async Task A_second_entity_for_the_same_principal_is_refused()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        (await org.Api.PostAsync("/api/v1/principal-rate-limits", Entity(clientId, 30))).Dispose();
        using var second = await org.Api.PostAsync("/api/v1/principal-rate-limits", Entity(clientId, 40));
        await Expect.OktaErrorAsync(second, HttpStatusCode.BadRequest, "E0000001");
        Assert.Equal(30, org.Emulator.State.RateLimitFor(clientId)!.DefaultPercentage);
    }

    [Fact]
    public async Task Unknown_client_and_missing_fields_are_refused()
    {
        using var unknown = await org.Api.PostAsync("/api/v1/principal-rate-limits", Entity("0oaNope00000000000000", 30));
        await Expect.OktaErrorAsync(unknown, HttpStatusCode.NotFound, "E0000007");
        using var empty = await org.Api.PostAsync("/api/v1/principal-rate-limits", new JsonObject());
        Assert.Equal(2, (await Expect.OktaErrorAsync(empty, HttpStatusCode.BadRequest, "E0000001"))["errorCauses"]!.AsArray().Count);
    }

    [Fact]
    public async Task Replace_changes_the_percentages_but_never_the_principal()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var created = await org.Api.PostAsync("/api/v1/principal-rate-limits", Entity(clientId, 30));
        var id = (await OrgApi.JsonAsync(created))["id"]!.GetValue<string>();

        using var replaced = await org.Api.PutAsync($"/api/v1/principal-rate-limits/{id}", Entity(clientId, 50));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(50, org.Emulator.State.RateLimitFor(clientId)!.DefaultPercentage);

        var other = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var moved = await org.Api.PutAsync($"/api/v1/principal-rate-limits/{id}", Entity(other, 50));
        await Expect.OktaErrorAsync(moved, HttpStatusCode.BadRequest, "E0000001");
        using var missing = await org.Api.PutAsync("/api/v1/principal-rate-limits/prlNope00000000000000", Entity(clientId, 50));
        await Expect.OktaErrorAsync(missing, HttpStatusCode.NotFound, "E0000007");
    }
}
