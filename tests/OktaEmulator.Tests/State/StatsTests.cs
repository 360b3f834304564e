using System.Security.Cryptography;

namespace OktaEmulator.Tests.State;

/// <summary>What the stats record (routes by template, statuses, in-flight peak) and what they must never record.</summary>
public sealed class StatsTests
{
    [Fact]
    public async Task Routes_are_counted_by_template_and_statuses_by_code()
    {
        var clock = new TestClock();
        await using var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Clock = () => clock.Now });
        using var api = new OrgApi(emulator, clock);
        var appId = await api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        await api.GrantAsync(appId, "okta.users.read", "okta.apps.read");
        using var missing = await api.GetAsync("/api/v1/apps/0oaNope00000000000000", auth: null);

        Assert.Equal(4, emulator.Stats.TotalRequests);
        Assert.Equal(3, emulator.Stats.Writes);
        Assert.Equal(3, emulator.Stats.ToJson()["writes"]!.GetValue<long>());
        Assert.Equal(2, emulator.Stats.RouteCount("POST /api/v1/apps/{appId}/grants"));
        Assert.Equal(1, emulator.Stats.RouteCount("POST /oauth2/v1/clients"));
        Assert.Equal(1, emulator.Stats.RouteCount("GET /api/v1/apps/{appId}"));
        Assert.Equal(2, emulator.Stats.StatusCount(200));
        Assert.Equal(1, emulator.Stats.StatusCount(201));
        Assert.Equal(1, emulator.Stats.StatusCount(401));

        emulator.Stats.Reset();
        Assert.Equal(0, emulator.Stats.TotalRequests);
        Assert.Equal(0, emulator.Stats.Writes);
        Assert.Empty(emulator.Stats.RouteCounts);
    }

    [Fact]
    public async Task Max_in_flight_is_the_peak_of_concurrent_requests()
    {
        // A long delay keeps all four requests in flight together even on a loaded two-core machine.
        await using var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions
        {
            Faults = new FaultOptions { Slow = 1, SlowDelay = TimeSpan.FromMilliseconds(1500) },
        });
        using var api = new OrgApi(emulator, new TestClock());
        using var one = await api.GetAsync("/api/v1/users");
        Assert.Equal(1, emulator.Stats.MaxInFlight);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.GetAsync("/api/v1/users")));
        foreach (var r in responses)
        {
            r.Dispose();
        }

        Assert.Equal(4, emulator.Stats.MaxInFlight);
    }

    [Fact]
    public async Task Stats_never_contain_tokens_assertions_or_proofs()
    {
        var clock = new TestClock();
        await using var emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Clock = () => clock.Now });
        using var api = new OrgApi(emulator, clock);
        var dpopKey = TestKeys.NewEc(ECCurve.NamedCurves.nistP256);
        var appId = await api.CreateServiceAppAsync(true, TestKeys.PublicJwk(TestKeys.Rsa(0), "k"));
        await api.GrantAsync(appId, "okta.users.read");

        var assertion = Jwts.Assertion(appId, api.TokenUrl, TestKeys.SigningKey(TestKeys.Rsa(0), "k"), clock.Now);
        var tokenProof = Jwts.DpopProof(dpopKey, "POST", api.TokenUrl, clock.Now);
        using var challenge = await api.PostTokenAsync(OrgApi.TokenForm(assertion, "okta.users.read"), tokenProof);
        var token = await api.GetTokenAsync(appId, TestKeys.SigningKey(TestKeys.Rsa(0), "k"), "okta.users.read", dpopKey);
        var proof = Jwts.DpopProof(dpopKey, "GET", api.OrgUrl + "/api/v1/users", clock.Now, accessToken: token);
        using var users = await api.GetAsync("/api/v1/users", "DPoP " + token, proof);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);

        using var control = await api.GetAsync("/__emulator/stats", auth: null);
        var recorded = string.Join("\n",
            emulator.Stats.ToJson().ToJsonString(),
            await control.Content.ReadAsStringAsync(),
            string.Join("\n", emulator.Stats.RecentRequests.Select(r => r.ToString())));
        foreach (var secret in new[] { emulator.ApiToken, token, assertion, tokenProof, proof })
        {
            Assert.DoesNotContain(secret, recorded, StringComparison.Ordinal);
        }

        using var state = await api.GetAsync("/__emulator/state", auth: null);
        var stateText = await state.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, stateText, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiToken, stateText, StringComparison.Ordinal);
    }
}
