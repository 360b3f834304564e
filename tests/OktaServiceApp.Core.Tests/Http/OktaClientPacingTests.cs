using System.Net;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;
using Xunit;
using static OktaServiceApp.Core.Tests.Http.OktaClientTestRequests;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>Holding requests back before a 429: remaining requests, the MaxApiCapacity reserve, and separate
/// buckets.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class OktaClientPacingTests
{
    [Fact]
    public async Task Pacing_HoldsWhenRemainingReachesZeroUntilReset()
    {
        var observer = new RecordingObserver();
        OktaObserver.Current = observer;
        try
        {
            var handler = StubHandler.Sequence(
                () => Respond.Json(HttpStatusCode.OK, "{}", Respond.RateLimit(10, 0, T0.AddSeconds(30), T0)),
                () => Respond.Json(HttpStatusCode.OK, "{}", Respond.RateLimit(10, 9, T0.AddSeconds(90), T0.AddSeconds(31))));
            var delays = new List<TimeSpan>();
            using var client = TestClients.Create(handler, o => o.Clock = () => T0, delays: delays);

            await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);
            await client.SendAsync(Get("/api/v1/apps/0oa1"), CancellationToken.None);

            Assert.Equal(2, handler.Requests.Count);
            var delay = Assert.Single(delays);
            Assert.InRange(delay, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
            Assert.Contains(observer.Waits, w => w.Reason.StartsWith("pacing apps", StringComparison.Ordinal));
            Assert.Equal(1, client.Statistics.PacingWaits);
            Assert.Equal(0, client.Statistics.RateLimited429);
        }
        finally
        {
            OktaObserver.Current = null;
        }
    }

    [Fact]
    public async Task Pacing_KeepsTheReserveOfMaxApiCapacity()
    {
        // Limit 10 at 50 % leaves a reserve of 5: with 6 left one more request may go, with 5 left it is held.
        var remaining = 6;
        var handler = new StubHandler((_, _) =>
            Respond.Json(HttpStatusCode.OK, "{}", Respond.RateLimit(10, remaining--, T0.AddSeconds(20), T0)));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, o =>
        {
            o.Clock = () => T0;
            o.MaxApiCapacity = 50;
        }, delays: delays);

        await client.SendAsync(Get("/oauth2/v1/clients"), CancellationToken.None); // learns 6 left
        Assert.Empty(delays);
        await client.SendAsync(Get("/oauth2/v1/clients"), CancellationToken.None); // 6 - 1 >= 5: goes, learns 5 left
        Assert.Empty(delays);
        await client.SendAsync(Get("/oauth2/v1/clients"), CancellationToken.None); // 5 - 1 < 5: held until reset

        Assert.Single(delays);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(21));
    }

    [Fact]
    public async Task Pacing_BucketsAreSeparate()
    {
        var handler = new StubHandler((request, _) => request.Uri.AbsolutePath.StartsWith("/api/v1/apps", StringComparison.Ordinal)
            ? Respond.Json(HttpStatusCode.OK, "{}", Respond.RateLimit(10, 0, T0.AddSeconds(30), T0))
            : Respond.Json(HttpStatusCode.OK, "{}", Respond.RateLimit(600, 599, T0.AddSeconds(30), T0)));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, o => o.Clock = () => T0, delays: delays);

        await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);
        await client.SendAsync(Get("/api/v1/users"), CancellationToken.None);
        await client.SendAsync(Get("/oauth2/v1/clients"), CancellationToken.None);

        Assert.Empty(delays);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Pacing_BulkWorkStaysUnderTheLimitWithoutA429(int concurrency)
    {
        // A simulated org: 5 requests per 10-second window on a simulated clock that waits move forward.
        var server = new SimulatedRateLimitedOrg(limit: 5, window: TimeSpan.FromSeconds(10), start: T0);
        var handler = new StubHandler(async (_, _, _) =>
        {
            await Task.Yield();
            return server.Answer();
        });
        using var client = TestClients.Create(handler, o =>
        {
            o.Clock = server.Now;
            o.MaxConcurrency = concurrency;
        });
        client.DelayAsync = (delay, _) =>
        {
            server.Advance(delay);
            return Task.CompletedTask;
        };

        if (concurrency == 1)
        {
            // One after another, as a pipeline sends: the simulated clock then moves only by the waits of one caller. (Started
            // all at once, several callers can compute the same wait and each would move the clock, however the threads ran.)
            for (var i = 0; i < 20; i++)
            {
                await client.SendAsync(Get($"/api/v1/apps/0oa{i}"), CancellationToken.None);
            }
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.SendAsync(Get($"/api/v1/apps/0oa{i}"), CancellationToken.None)));
        }

        Assert.Equal(0, server.TooMany);
        Assert.Equal(20, server.Served);
        Assert.Equal(0, client.Statistics.RateLimited429);
        if (concurrency == 1)
        {
            // 20 requests at 5 per 10 s: four windows, i.e. about 30 s of simulated time (N / L * W, less the last window).
            Assert.InRange(server.Elapsed.TotalSeconds, 29, 35);
        }
    }
}
