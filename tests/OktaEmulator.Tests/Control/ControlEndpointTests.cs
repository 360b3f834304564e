namespace OktaEmulator.Tests.Control;

/// <summary>/__emulator/*: stats, state, config and reset for other processes; never counted, limited or faulted; no auth.</summary>
public sealed class ControlEndpointTests
{
    private static async Task<(OktaOrgEmulator Emulator, OrgApi Api)> StartAsync()
    {
        var clock = new TestClock();
        var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Clock = () => clock.Now });
        return (emulator, new OrgApi(emulator, clock));
    }

    [Fact]
    public async Task Stats_and_state_are_readable_without_auth_and_are_not_counted()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            var clientId = await api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0), "k1"));
            using var stats = await api.GetAsync("/__emulator/stats", auth: null);
            var statsBody = await OrgApi.JsonAsync(stats);
            Assert.Equal(1, statsBody["totalRequests"]!.GetValue<long>());
            Assert.Equal(1, statsBody["routes"]!["POST /oauth2/v1/clients"]!.GetValue<long>());
            Assert.Equal(1, emulator.Stats.TotalRequests);

            using var state = await api.GetAsync("/__emulator/state", auth: null);
            var client = (await OrgApi.JsonAsync(state))["clients"]!.AsArray().Single()!;
            Assert.Equal(clientId, client["client_id"]!.GetValue<string>());
            Assert.Equal("k1", client["keys"]![0]!["kid"]!.GetValue<string>());
            Assert.StartsWith("pks", client["keys"]![0]!["id"]!.GetValue<string>());

            using var reset = await api.PostAsync("/__emulator/stats/reset", null, auth: null);
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
            Assert.Equal(0, emulator.Stats.TotalRequests);
        }
    }

    [Fact]
    public async Task Config_replaces_rate_limits_and_faults_and_does_not_limit_itself()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            using var config = await api.SendAsync(HttpMethod.Put, "/__emulator/config",
                JsonNode.Parse("""{"rateLimits":{"default":{"limit":1,"windowSeconds":60}}}"""), auth: null);
            Assert.Equal(HttpStatusCode.NoContent, config.StatusCode);

            using var first = await api.GetAsync("/api/v1/users");
            using var second = await api.GetAsync("/api/v1/users");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            await Expect.OktaErrorAsync(second, HttpStatusCode.TooManyRequests, "E0000047");
            using var stillThere = await api.GetAsync("/__emulator/stats", auth: null);
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);

            using var faults = await api.SendAsync(HttpMethod.Put, "/__emulator/config",
                JsonNode.Parse("""{"rateLimits":{},"faults":{"serverError500":1,"pathPrefixes":["/api/v1/apps"]}}"""), auth: null);
            using var apps = await api.GetAsync("/api/v1/apps");
            await Expect.OktaErrorAsync(apps, HttpStatusCode.InternalServerError, "E0000009");
            using var users = await api.GetAsync("/api/v1/users");
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        }
    }

    [Fact]
    public async Task Reset_clears_clients_grants_and_stats()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            var clientId = await api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
            await api.GrantAsync(clientId, "okta.users.read");
            emulator.State.AddUser("extra@example.com", "Extra", "User");

            using var reset = await api.PostAsync("/__emulator/reset", null, auth: null);
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
            Assert.Empty(emulator.State.Clients);
            Assert.Equal(3, emulator.State.Users.Count);
            Assert.Equal(0, emulator.Stats.TotalRequests);
        }
    }
}
