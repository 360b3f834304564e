namespace OktaEmulator.Tests.Faults;

/// <summary>
/// Counted after-apply faults: the write is applied, then the client gets a 500 or no answer. Each test pins one property:
/// applied, the wire shape, the count, the method and path filter, refusals not counting, and the config body.
/// </summary>
public sealed class AppliedFaultTests
{
    private static async Task<(OktaOrgEmulator Emulator, OrgApi Api)> StartAsync()
    {
        var clock = new TestClock();
        var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Clock = () => clock.Now });
        return (emulator, new OrgApi(emulator, clock));
    }

    private static JsonObject ClientBody(int key = 0) => OrgApi.ServiceClientBody("applied", TestKeys.PublicJwk(TestKeys.Rsa(key)));

    private static void FailNext(OktaOrgEmulator emulator, AppliedFaultKind kind, string pathPrefix, int count = 1, string method = "POST") =>
        emulator.Configure(o => o.Faults = new FaultOptions
        {
            AfterApply = [new AppliedFault { Kind = kind, Method = method, PathPrefix = pathPrefix, Count = count }],
        });

    [Fact]
    public async Task Server_error_after_apply_is_500_E0000009_and_the_client_exists()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            FailNext(emulator, AppliedFaultKind.ServerError500, "/oauth2/v1/clients");
            using var response = await api.PostAsync("/oauth2/v1/clients", ClientBody());

            var body = await Expect.OktaErrorAsync(response, HttpStatusCode.InternalServerError, "E0000009");
            Assert.Equal("Internal Server Error", body["errorSummary"]!.GetValue<string>());
            Assert.Single(emulator.State.Clients);
            Assert.Equal(1, emulator.Stats.FaultCount("ServerError500AfterApply"));
            Assert.Equal(1, emulator.Stats.StatusCount(500));
            Assert.True(response.Headers.Contains("X-Okta-Request-Id"));
            Assert.True(response.Headers.Contains("X-Rate-Limit-Remaining"));
        }
    }

    [Fact]
    public async Task Drop_after_apply_gives_no_answer_and_the_grant_exists()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            var appId = await api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
            FailNext(emulator, AppliedFaultKind.Drop, "/api/v1/apps/");

            await Assert.ThrowsAsync<HttpRequestException>(() =>
                api.PostAsync($"/api/v1/apps/{appId}/grants", new JsonObject { ["scopeId"] = "okta.users.read", ["issuer"] = api.OrgUrl }));

            Assert.Equal(["okta.users.read"], emulator.State.GrantsFor(appId).Select(g => g.ScopeId));
            Assert.Equal(1, emulator.Stats.FaultCount("DropAfterApply"));
            Assert.Null(emulator.Stats.RecentRequests.Single(r => r.Route.Contains("/grants", StringComparison.Ordinal)).Status);
        }
    }

    [Fact]
    public async Task The_count_says_how_many_writes_fail_and_later_ones_answer_normally()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            FailNext(emulator, AppliedFaultKind.ServerError500, "/oauth2/v1/clients", count: 2);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                using var response = await api.PostAsync("/oauth2/v1/clients", ClientBody(i));
                statuses.Add(response.StatusCode);
            }

            Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.Created], statuses);
            Assert.Equal(3, emulator.State.Clients.Count);
            Assert.Equal(2, emulator.Stats.FaultCount("ServerError500AfterApply"));
        }
    }

    [Fact]
    public async Task Only_the_named_method_and_path_prefix_are_hit()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            var appId = await api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
            FailNext(emulator, AppliedFaultKind.ServerError500, $"/api/v1/apps/{appId}/grants");

            using var list = await api.GetAsync($"/api/v1/apps/{appId}/grants");
            using var other = await api.PostAsync("/oauth2/v1/clients", ClientBody(1));
            using var grant = await api.PostAsync($"/api/v1/apps/{appId}/grants",
                new JsonObject { ["scopeId"] = "okta.users.read", ["issuer"] = api.OrgUrl });

            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, grant.StatusCode);
            Assert.Single(emulator.State.GrantsFor(appId));
        }
    }

    [Fact]
    public async Task A_refused_write_keeps_its_answer_and_does_not_use_up_the_count()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            var appId = await api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
            FailNext(emulator, AppliedFaultKind.ServerError500, "/api/v1/apps/");

            using var refused = await api.PostAsync($"/api/v1/apps/{appId}/grants",
                new JsonObject { ["scopeId"] = "okta.not.a.scope", ["issuer"] = api.OrgUrl });
            await Expect.OktaErrorAsync(refused, HttpStatusCode.BadRequest, "E0000001");
            using var applied = await api.PostAsync($"/api/v1/apps/{appId}/grants",
                new JsonObject { ["scopeId"] = "okta.users.read", ["issuer"] = api.OrgUrl });

            Assert.Equal(HttpStatusCode.InternalServerError, applied.StatusCode);
            Assert.Single(emulator.State.GrantsFor(appId));
            Assert.Equal(1, emulator.Stats.FaultCount("ServerError500AfterApply"));
        }
    }

    [Fact]
    public async Task Config_body_sets_after_apply_faults_and_refuses_a_bad_rule()
    {
        var (emulator, api) = await StartAsync();
        await using (emulator)
        using (api)
        {
            using var bad = await api.SendAsync(HttpMethod.Put, "/__emulator/config",
                JsonNode.Parse("""{"faults":{"afterApply":[{"kind":"explode","pathPrefix":"/oauth2/v1/clients"}]}}"""), auth: null);
            await Expect.OktaErrorAsync(bad, HttpStatusCode.BadRequest, "E0000001");
            using var config = await api.SendAsync(HttpMethod.Put, "/__emulator/config",
                JsonNode.Parse("""{"faults":{"afterApply":[{"kind":"drop","method":"POST","pathPrefix":"/oauth2/v1/clients","count":1}]}}"""),
                auth: null);
            Assert.Equal(HttpStatusCode.NoContent, config.StatusCode);

            await Assert.ThrowsAsync<HttpRequestException>(() => api.PostAsync("/oauth2/v1/clients", ClientBody()));
            using var next = await api.PostAsync("/oauth2/v1/clients", ClientBody(1));

            Assert.Equal(HttpStatusCode.Created, next.StatusCode);
            Assert.Equal(2, emulator.State.Clients.Count);
            Assert.Equal(1, emulator.Stats.FaultCount("DropAfterApply"));
        }
    }
}
