using System.Diagnostics;
using System.Net;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;
using Xunit;
using static OktaServiceApp.Core.Tests.Http.OktaClientTestRequests;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>Answers of HTTP 429: the wait from the X-Rate-Limit-* headers, retry headers, fallbacks and giving up.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class OktaClientRateLimitTests
{
    [Fact]
    public async Task RateLimit_WaitIsResetMinusDatePlusOneSecond()
    {
        var observer = new RecordingObserver();
        OktaObserver.Current = observer;
        try
        {
            var handler = StubHandler.Sequence(
                () => Respond.Json((HttpStatusCode)429, Respond.OktaError429, Respond.RateLimit(10, 0, T0.AddSeconds(5), T0)),
                () => Respond.Json(HttpStatusCode.OK, "{}"));
            var delays = new List<TimeSpan>();
            using var client = TestClients.Create(handler, delays: delays);

            await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);

            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(new[] { TimeSpan.FromSeconds(6) }, delays);
            var wait = Assert.Single(observer.Waits);
            Assert.Equal(TimeSpan.FromSeconds(6), wait.Delay);
            Assert.Equal("rate limit on apps, retry 1 of 4", wait.Reason);
            Assert.Equal(1, client.Statistics.RateLimited429);
            Assert.Equal(1, client.Statistics.Retries);
        }
        finally
        {
            OktaObserver.Current = null;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RateLimit_DuplicatedResetHeadersTakeTheSmallest(bool commaJoined)
    {
        var handler = StubHandler.Sequence(
            () =>
            {
                var response = Respond.Json((HttpStatusCode)429, Respond.OktaError429,
                    ("Date", Respond.HttpDate(T0)), ("X-Rate-Limit-Limit", "100"), ("X-Rate-Limit-Remaining", "0"));
                if (commaJoined)
                {
                    response.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset",
                        $"{T0.AddSeconds(9).ToUnixTimeSeconds()}, {T0.AddSeconds(3).ToUnixTimeSeconds()}");
                }
                else
                {
                    response.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", T0.AddSeconds(9).ToUnixTimeSeconds().ToString());
                    response.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", T0.AddSeconds(3).ToUnixTimeSeconds().ToString());
                }

                return response;
            },
            () => Respond.Json(HttpStatusCode.OK, "{}"));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, delays: delays);

        await client.SendAsync(Get("/api/v1/users"), CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(4) }, delays);
    }

    [Fact]
    public async Task RateLimit_RetryHeadersNameThe429RequestAndCount()
    {
        var handler = StubHandler.Sequence(
            () => Respond.Json((HttpStatusCode)429, Respond.OktaError429,
                Respond.RateLimit(10, 0, T0.AddSeconds(1), T0).Append(("X-Okta-Request-Id", "req-one")).ToArray()),
            () => Respond.Json((HttpStatusCode)429, Respond.OktaError429,
                Respond.RateLimit(10, 0, T0.AddSeconds(1), T0).Append(("X-Okta-Request-Id", "req-two")).ToArray()),
            () => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Post("/oauth2/v1/clients"), CancellationToken.None);

        var requests = handler.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Null(requests[0].Header("X-Okta-Retry-For"));
        Assert.Equal("req-one", requests[1].Header("X-Okta-Retry-For"));
        Assert.Equal("1", requests[1].Header("X-Okta-Retry-Count"));
        Assert.Equal("req-two", requests[2].Header("X-Okta-Retry-For"));
        Assert.Equal("2", requests[2].Header("X-Okta-Retry-Count"));
    }

    [Fact]
    public async Task RateLimit_MaxRetriesRespectedThenRateLimited()
    {
        var handler = new StubHandler((_, _) => Respond.Json((HttpStatusCode)429, Respond.OktaError429,
            Respond.RateLimit(10, 0, T0.AddSeconds(2), T0).Append(("X-Okta-Request-Id", "rq")).ToArray()));
        using var client = TestClients.Create(handler, o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(OktaErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("E0000047", ex.ErrorCode);
        Assert.Equal("rq", ex.RequestId);
        Assert.Contains("(HTTP 429, E0000047, request id rq)", ex.Message);
    }

    [Fact]
    public async Task RateLimit_MissingHeadersFallBackToExponentialWaits()
    {
        var handler = StubHandler.Sequence(
            () => Respond.Json((HttpStatusCode)429, Respond.OktaError429),
            () => Respond.Json((HttpStatusCode)429, Respond.OktaError429),
            () => Respond.Json(HttpStatusCode.OK, "{}"));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, delays: delays);

        await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, delays);
    }

    [Fact]
    public async Task RateLimit_ConcurrencyViolationBacksOffShortly()
    {
        var handler = StubHandler.Sequence(
            () => Respond.Json((HttpStatusCode)429, Respond.OktaError429, Respond.RateLimit(0, 0, T0.AddSeconds(60), T0)),
            () => Respond.Json(HttpStatusCode.OK, "{}"));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, delays: delays);

        await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);

        var delay = Assert.Single(delays);
        Assert.InRange(delay, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task RateLimit_CredentialsAreAppliedOnEveryAttempt()
    {
        var handler = StubHandler.Sequence(
            () => Respond.Json((HttpStatusCode)429, Respond.OktaError429, Respond.RateLimit(10, 0, T0.AddSeconds(1), T0)),
            () => Respond.Json((HttpStatusCode)503, "{}"),
            () => Respond.Json(HttpStatusCode.OK, "{}"));
        var credentials = new CountingCredentials();
        using var client = TestClients.Create(handler, credentials: credentials);

        await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);

        Assert.Equal(3, credentials.Applied);
        Assert.Equal(new[] { "proof-1", "proof-2", "proof-3" }, handler.Requests.Select(r => r.Header("DPoP")).ToArray());
    }

    [Fact]
    public async Task RateLimit_CancellationDuringTheWaitIsImmediate()
    {
        var handler = new StubHandler((_, _) =>
            Respond.Json((HttpStatusCode)429, Respond.OktaError429,
                Respond.RateLimit(10, 0, DateTimeOffset.UtcNow.AddSeconds(60), DateTimeOffset.UtcNow)));
        using var client = new OktaClient(new OktaClientOptions(TestClients.Org) { Handler = handler },
            new SswsCredentials("00testtoken"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.SendAsync(Get("/api/v1/apps"), cancel.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }
}
