using System.Diagnostics;

namespace OktaEmulator.Tests.Faults;

/// <summary>Injected failures: their wire shape, that a failed request is never applied, seeding, path filters, and stats.</summary>
public sealed class FaultInjectionTests
{
    private static async Task<(OktaOrgEmulator Emulator, OrgApi Api)> StartAsync(FaultOptions faults, int? seed = 7)
    {
        var clock = new TestClock();
        var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Faults = faults, Seed = seed, Clock = () => clock.Now });
        return (emulator, new OrgApi(emulator, clock));
    }

    private static JsonObject ClientBody() => OrgApi.ServiceClientBody("faulted", TestKeys.PublicJwk(TestKeys.Rsa(0)));

    [Fact]
    public async Task Server_error_is_500_E0000009_and_not_applied()
    {
        var (emulator, api) = await StartAsync(new FaultOptions { ServerError500 = 1 });
        await using (emulator)
        using (api)
        {
            using var response = await api.PostAsync("/oauth2/v1/clients", ClientBody());
            var body = await Expect.OktaErrorAsync(response, HttpStatusCode.InternalServerError, "E0000009");
            Assert.Equal("Internal Server Error", body["errorSummary"]!.GetValue<string>());
            Assert.Empty(emulator.State.Clients);
            Assert.Equal(1, emulator.Stats.FaultCount("ServerError500"));
        }
    }

    [Fact]
    public async Task Service_unavailable_is_503_and_not_applied()
    {
        var (emulator, api) = await StartAsync(new FaultOptions { ServiceUnavailable503 = 1 });
        await using (emulator)
        using (api)
        {
            using var response = await api.PostAsync("/oauth2/v1/clients", ClientBody());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Empty(emulator.State.Clients);
            Assert.Equal(1, emulator.Stats.FaultCount("ServiceUnavailable503"));
        }
    }

    [Fact]
    public async Task Dropped_connection_gives_no_response_and_is_not_applied()
    {
        var (emulator, api) = await StartAsync(new FaultOptions { Drop = 1 });
        await using (emulator)
        using (api)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => api.PostAsync("/oauth2/v1/clients", ClientBody()));
            Assert.Empty(emulator.State.Clients);
            Assert.Equal(1, emulator.Stats.FaultCount("Drop"));
        }
    }

    [Fact]
    public async Task Truncated_body_cannot_be_read_and_is_not_applied()
    {
        var (emulator, api) = await StartAsync(new FaultOptions { Truncate = 1 });
        await using (emulator)
        using (api)
        {
            var error = await Record.ExceptionAsync(async () =>
            {
                using var response = await api.PostAsync("/oauth2/v1/clients", ClientBody());
                JsonNode.Parse(await response.Content.ReadAsStringAsync());
            });
            Assert.NotNull(error);
            Assert.Empty(emulator.State.Clients);
            Assert.Equal(1, emulator.Stats.FaultCount("Truncate"));
        }
    }

    [Fact]
    public async Task Slow_answer_is_delayed_then_applied()
    {
        var (emulator, api) = await StartAsync(new FaultOptions { Slow = 1, SlowDelay = TimeSpan.FromMilliseconds(400) });
        await using (emulator)
        using (api)
        {
            var watch = Stopwatch.StartNew();
            using var response = await api.PostAsync("/oauth2/v1/clients", ClientBody());
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {watch.Elapsed}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Single(emulator.State.Clients);
        }
    }

    [Fact]
    public async Task Path_prefixes_limit_faults_and_control_endpoints_are_never_faulted()
    {
        var (emulator, api) = await StartAsync(new FaultOptions { ServerError500 = 1, PathPrefixes = ["/oauth2/v1/token"] });
        await using (emulator)
        using (api)
        {
            using var token = await api.PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
            Assert.Equal(HttpStatusCode.InternalServerError, token.StatusCode);
            using var users = await api.GetAsync("/api/v1/users");
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);

            emulator.Configure(o => o.Faults = new FaultOptions { ServerError500 = 1 });
            using var stats = await api.GetAsync("/__emulator/stats", auth: null);
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        }
    }

    [Fact]
    public async Task Same_seed_same_faults()
    {
        async Task<string> RunAsync()
        {
            var (emulator, api) = await StartAsync(new FaultOptions { ServerError500 = 0.3, ServiceUnavailable503 = 0.3 }, seed: 42);
            await using (emulator)
            using (api)
            {
                var statuses = new List<int>();
                for (var i = 0; i < 20; i++)
                {
                    using var response = await api.GetAsync("/api/v1/users");
                    statuses.Add((int)response.StatusCode);
                }

                return string.Join(",", statuses);
            }
        }

        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.Contains("200", first);
        Assert.Contains("50", first);
    }

    [Fact]
    public async Task Under_mixed_faults_exactly_the_successful_requests_are_applied()
    {
        var (emulator, api) = await StartAsync(new FaultOptions { ServerError500 = 0.15, ServiceUnavailable503 = 0.15, Drop = 0.15, Truncate = 0.15 }, seed: 3);
        await using (emulator)
        using (api)
        {
            emulator.Configure(o => o.Faults = new FaultOptions());
            var appId = await api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
            emulator.Configure(o => o.Faults = new FaultOptions { ServerError500 = 0.15, ServiceUnavailable503 = 0.15, Drop = 0.15, Truncate = 0.15 });

            var succeeded = 0;
            foreach (var scope in OktaEmulator.Grants.ScopeCatalog.ManagementScopes.Take(40))
            {
                try
                {
                    using var response = await api.PostAsync($"/api/v1/apps/{appId}/grants", new JsonObject { ["scopeId"] = scope, ["issuer"] = api.OrgUrl });
                    JsonNode.Parse(await response.Content.ReadAsStringAsync());
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        succeeded++;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException)
                {
                }
            }

            Assert.InRange(succeeded, 1, 39);
            Assert.Equal(succeeded, emulator.State.GrantsFor(appId).Count);
        }
    }
}
