using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

public sealed class OktaClientTests
{
    private static readonly DateTimeOffset T0 = new(2025, 9, 11, 16, 21, 50, TimeSpan.Zero);

    private static OktaRequest Get(string path) => new(HttpMethod.Get, path) { RetryFaults = true };

    private static OktaRequest Post(string path, object? body = null) => new(HttpMethod.Post, path) { JsonBody = body ?? new { } };

    // ---- basics ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Send_AddsAuthorizationAcceptAndUserAgent()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Get("/api/v1/apps/0oa1"), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://dev-123.okta.com/api/v1/apps/0oa1", request.Uri.AbsoluteUri);
        Assert.Equal("SSWS 00testtoken", request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.StartsWith("OktaServiceApp.PowerShell/", request.Header("User-Agent"));
        Assert.Null(request.Header("X-Okta-Retry-For"));
    }

    [Fact]
    public async Task Send_SerializesJsonBodyWithSystemTextJson()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Post("/api/v1/apps/0oa1/grants", new Dictionary<string, string>
        {
            ["scopeId"] = "okta.users.read",
            ["issuer"] = "https://dev-123.okta.com\"quoted",
        }), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        using var document = JsonDocument.Parse(request.Body);
        Assert.Equal("https://dev-123.okta.com\"quoted", document.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Send_AbsoluteUrlOnTheOrgIsAccepted()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Get("https://dev-123.okta.com/api/v1/apps?after=abc&limit=2"), CancellationToken.None);

        Assert.Equal("https://dev-123.okta.com/api/v1/apps?after=abc&limit=2", handler.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Send_AbsoluteUrlOnAnotherHostIsRefused()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{}"));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.SendAsync(Get("https://evil.example.com/api/v1/apps"), CancellationToken.None));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Send_ReportsEachRequestWithoutHeaderValues()
    {
        var observer = new RecordingObserver();
        OktaObserver.Current = observer;
        try
        {
            var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]"));
            using var client = TestClients.Create(handler);

            await client.SendAsync(Get("/api/v1/apps/0oa1/grants?expand=scope"), CancellationToken.None);

            Assert.Contains(observer.Messages, m => m.StartsWith("VERBOSE: GET /api/v1/apps/0oa1/grants -> 200 (", StringComparison.Ordinal));
            Assert.DoesNotContain(observer.Messages, m => m.Contains("00testtoken"));
        }
        finally
        {
            OktaObserver.Current = null;
        }
    }

    // ---- 429 ------------------------------------------------------------------------------------------------------

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

    // ---- pacing ---------------------------------------------------------------------------------------------------

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

        var work = Enumerable.Range(0, 20).Select(i => client.SendAsync(Get($"/api/v1/apps/0oa{i}"), CancellationToken.None));
        await Task.WhenAll(work);

        Assert.Equal(0, server.TooMany);
        Assert.Equal(20, server.Served);
        Assert.Equal(0, client.Statistics.RateLimited429);
        if (concurrency == 1)
        {
            // 20 requests at 5 per 10 s: four windows, i.e. about 30 s of simulated time (N / L * W, less the last window).
            Assert.InRange(server.Elapsed.TotalSeconds, 29, 35);
        }
    }

    // ---- faults ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Faults_ServerErrorsAreRetriedForGetWithJitteredBackoff()
    {
        var handler = StubHandler.Sequence(
            () => Respond.Json((HttpStatusCode)503, "{}"),
            () => Respond.Text((HttpStatusCode)502, "<html>bad gateway</html>", "text/html"),
            () => Respond.Json(HttpStatusCode.OK, "{\"id\":\"x\"}"));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, delays: delays);

        var response = await client.SendAsync(Get("/api/v1/apps/x"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(2, delays.Count);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.375), TimeSpan.FromSeconds(0.625));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25));
    }

    [Fact]
    public async Task Faults_ServerErrorOnPostIsNotRetried()
    {
        var handler = new StubHandler((_, _) => Respond.Json((HttpStatusCode)500,
            "{\"errorCode\":\"E0000009\",\"errorSummary\":\"Internal Server Error\",\"errorId\":\"oae1\",\"errorCauses\":[]}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.SendAsync(Post("/oauth2/v1/clients"), CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Equal(OktaErrorKind.ServerError, ex.Kind);
        Assert.Equal("E0000009", ex.ErrorCode);
    }

    [Fact]
    public async Task Faults_ServerErrorsGiveUpAfterMaxRetries()
    {
        var handler = new StubHandler((_, _) => Respond.Json((HttpStatusCode)504, "{}"));
        using var client = TestClients.Create(handler, o => o.MaxRetries = 3);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(OktaErrorKind.ServerError, ex.Kind);
        Assert.Equal(504, ex.StatusCode);
    }

    [Fact]
    public async Task Faults_DroppedConnectionIsRetriedForGet()
    {
        var handler = new StubHandler((_, index) => index == 0
            ? throw new HttpRequestException("Connection reset by peer", new IOException("reset"))
            : Respond.Json(HttpStatusCode.OK, "[]"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(1, client.Statistics.Faults);
    }

    [Fact]
    public async Task Faults_DroppedConnectionOnPostThrowsConnectionFailedAtOnce()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("Connection reset by peer"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.SendAsync(Post("/api/v1/apps/0oa1/grants"), CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Equal(OktaErrorKind.ConnectionFailed, ex.Kind);
        Assert.Contains("may or may not have been applied", ex.Message);
        Assert.Equal("POST", ex.Method);
        Assert.Equal("/api/v1/apps/0oa1/grants", ex.Path);
    }

    [Fact]
    public async Task Faults_BodyThatBreaksWhileReadingIsAFault()
    {
        var handler = new StubHandler((_, index) => index == 0
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new BrokenContent("[{\"id\":\"0oa") }
            : Respond.Json(HttpStatusCode.OK, "[]"));
        using var client = TestClients.Create(handler);

        await client.SendAsync(Get("/api/v1/apps"), CancellationToken.None);
        Assert.Equal(2, handler.Requests.Count);

        var postHandler = new StubHandler((_, _) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new BrokenContent("{\"client_id\":") });
        using var postClient = TestClients.Create(postHandler);
        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            postClient.SendAsync(Post("/oauth2/v1/clients"), CancellationToken.None));
        Assert.Equal(OktaErrorKind.ConnectionFailed, ex.Kind);
        Assert.Single(postHandler.Requests);
    }

    [Fact]
    public async Task Faults_TruncatedJsonOn2xxIsMalformedForPostAndRetriedForGet()
    {
        var postHandler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.Created, "{\"client_id\":\"0oa1\",\"jwks\":{"));
        using var postClient = TestClients.Create(postHandler);
        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            postClient.SendAsync(Post("/oauth2/v1/clients"), CancellationToken.None));
        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
        Assert.DoesNotContain("client_id", ex.Message);

        var getHandler = StubHandler.Sequence(
            () => Respond.Json(HttpStatusCode.OK, "[{\"id\":"),
            () => Respond.Json(HttpStatusCode.OK, "[]"));
        using var getClient = TestClients.Create(getHandler);
        await getClient.SendAsync(Get("/api/v1/apps"), CancellationToken.None);
        Assert.Equal(2, getHandler.Requests.Count);
    }

    // ---- timeout and cancellation ----------------------------------------------------------------------------------

    [Fact]
    public async Task Timeout_IsKindTimeoutAfterRetries()
    {
        var handler = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Respond.Json(HttpStatusCode.OK, "{}");
        });
        using var client = TestClients.Create(handler, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(100);
            o.MaxRetries = 1;
        });

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Timeout, ex.Kind);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("did not answer GET /api/v1/apps within 0.1 s", ex.Message);
    }

    [Fact]
    public async Task Timeout_OnPostIsNotRetried()
    {
        var handler = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Respond.Json(HttpStatusCode.OK, "{}");
        });
        using var client = TestClients.Create(handler, o => o.RequestTimeout = TimeSpan.FromMilliseconds(100));

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Post("/oauth2/v1/clients"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Timeout, ex.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Timeout_SlowBodyCountsAsTimeout()
    {
        var handler = new StubHandler((_, _) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StallingContent() });
        using var client = TestClients.Create(handler, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(150);
            o.MaxRetries = 0;
        });

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task Cancel_ThrowsOperationCanceledQuickly()
    {
        var handler = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Respond.Json(HttpStatusCode.OK, "{}");
        });
        using var client = TestClients.Create(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.SendAsync(Get("/api/v1/apps"), cancel.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal(cancel.Token, ex.CancellationToken);
        Assert.Single(handler.Requests);
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Errors_OktaStyleBodyIsParsed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.Forbidden,
            "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You don't have permission to perform the requested action.\",\"errorLink\":\"E0000006\",\"errorId\":\"sampleNUSD\",\"errorCauses\":[]}",
            ("X-Okta-Request-Id", "abc")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.SendAsync(Get("/api/v1/apps/0oa1/grants?expand=scope"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Forbidden, ex.Kind);
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("GET", ex.Method);
        Assert.Equal("/api/v1/apps/0oa1/grants", ex.Path);
        Assert.Equal("E0000006", ex.ErrorCode);
        Assert.Equal("You don't have permission to perform the requested action.", ex.ErrorSummary);
        Assert.Equal("sampleNUSD", ex.ErrorId);
        Assert.Equal("abc", ex.RequestId);
        Assert.StartsWith("You don't have permission to perform the requested action (HTTP 403, E0000006, request id abc)", ex.Message);
        Assert.DoesNotContain("does not indicate success", ex.Message);
    }

    [Fact]
    public async Task Errors_OktaStyleCausesAreKept()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.BadRequest,
            "{\"errorCode\":\"E0000001\",\"errorSummary\":\"Api validation failed: JsonWebKey\",\"errorId\":\"x\",\"errorCauses\":[{\"errorSummary\":\"RSA key length in the 'jwks' is less than '2,048' bits for the given key.\"}]}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Post("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.BadRequest, ex.Kind);
        Assert.Equal(new[] { "RSA key length in the 'jwks' is less than '2,048' bits for the given key." }, ex.ErrorCauses);
        Assert.Contains("Api validation failed: JsonWebKey: RSA key length", ex.Message);
    }

    [Fact]
    public async Task Errors_OAuthStyleBodyIsParsed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.BadRequest,
            "{\"error\":\"invalid_client_metadata\",\"error_description\":\"`client_name`: The field can't be left blank.\"}",
            ("X-Okta-Request-Id", "r9")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Post("/oauth2/v1/clients"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.BadRequest, ex.Kind);
        Assert.Equal("invalid_client_metadata", ex.OAuthError);
        Assert.Equal("`client_name`: The field can't be left blank.", ex.OAuthErrorDescription);
        Assert.Null(ex.ErrorCode);
        Assert.Equal("`client_name`: The field can't be left blank (HTTP 400, invalid_client_metadata, request id r9)", ex.Message);
    }

    [Fact]
    public async Task Errors_WwwAuthenticateIsUsedWhenTheBodyIsEmpty()
    {
        var handler = new StubHandler((_, _) => Respond.Empty(HttpStatusCode.Forbidden, ("WWW-Authenticate",
            "Bearer authorization_uri=\"https://dev-123.okta.com/oauth2/v1/authorize\", realm=\"https://dev-123.okta.com\", scope=\"okta.groups.read\", error=\"insufficient_scope\", error_description=\"The access token provided does not contain the required scopes.\", resource=\"/api/v1/groups/12345\"")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/groups/12345"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Forbidden, ex.Kind);
        Assert.Equal("insufficient_scope", ex.OAuthError);
        Assert.Equal("The access token provided does not contain the required scopes.", ex.OAuthErrorDescription);
        Assert.Equal("okta.groups.read", ex.RequiredScope);
        Assert.Contains("(HTTP 403, insufficient_scope, requires scope okta.groups.read)", ex.Message);
    }

    [Fact]
    public async Task Errors_DpopWwwAuthenticateAndNonceAreParsed()
    {
        var handler = new StubHandler((_, _) => Respond.Empty(HttpStatusCode.BadRequest,
            ("WWW-Authenticate", "DPoP algs=\"RS256 RS384 RS512 ES256 ES384 ES512\", error=\"invalid_dpop_proof\", error_description=\"'htu' claim in the DPoP proof JWT is invalid.\", resource=\"/api/v1/users\""),
            ("DPoP-Nonce", "nonce-123")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/users"), CancellationToken.None));

        Assert.Equal("invalid_dpop_proof", ex.OAuthError);
        Assert.Equal("'htu' claim in the DPoP proof JWT is invalid.", ex.OAuthErrorDescription);
        Assert.Equal("nonce-123", ex.DpopNonce);
        Assert.Null(ex.RequiredScope);
    }

    [Fact]
    public async Task Errors_HtmlBodyKeepsTheStatusKind()
    {
        var handler = new StubHandler((_, _) => Respond.Text((HttpStatusCode)502,
            "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", ("X-Okta-Request-Id", "gw1")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Post("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.ServerError, ex.Kind);
        Assert.Equal("Okta returned HTTP 502 with a non-JSON body (text/html) (HTTP 502, request id gw1)", ex.Message);
        Assert.DoesNotContain("<html>", ex.Message);
    }

    [Theory]
    [InlineData(400, OktaErrorKind.BadRequest)]
    [InlineData(401, OktaErrorKind.Unauthorized)]
    [InlineData(403, OktaErrorKind.Forbidden)]
    [InlineData(404, OktaErrorKind.NotFound)]
    [InlineData(405, OktaErrorKind.Other)]
    [InlineData(409, OktaErrorKind.Conflict)]
    [InlineData(500, OktaErrorKind.ServerError)]
    [InlineData(501, OktaErrorKind.ServerError)]
    public async Task Errors_KindFollowsTheStatus(int status, OktaErrorKind kind)
    {
        var handler = new StubHandler((_, _) => Respond.Empty((HttpStatusCode)status));
        using var client = TestClients.Create(handler, o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps/x"), CancellationToken.None));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.DoesNotContain("00testtoken", ex.Message);
    }

    [Fact]
    public async Task Errors_InvalidApiTokenNeverEchoesTheToken()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.Unauthorized,
            "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorId\":\"e1\",\"errorCauses\":[]}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/apps"), CancellationToken.None));

        Assert.Equal(OktaErrorKind.Unauthorized, ex.Kind);
        Assert.DoesNotContain("00testtoken", ex.ToString());
        Assert.Contains("Check the API token", ex.Message);
    }

    [Fact]
    public async Task Response_ReadOfAnUnexpectedShapeIsMalformed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[1,2]"));
        using var client = TestClients.Create(handler);

        var response = await client.SendAsync(Get("/api/v1/apps/x"), CancellationToken.None);

        var ex = Assert.Throws<OktaApiException>(() => response.Read<ShapeProbe>());
        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
        Assert.Equal(2, response.ReadJson().GetArrayLength());
        Assert.Equal(OktaErrorKind.MalformedResponse,
            Assert.Throws<OktaApiException>(() => new OktaResponse(HttpStatusCode.OK, "", null, null).ReadJson()).Kind);
        Assert.Equal(OktaErrorKind.MalformedResponse,
            Assert.Throws<OktaApiException>(() => new OktaResponse(HttpStatusCode.OK, "<html>", null, null).Read<ShapeProbe>()).Kind);
        Assert.Equal("a", new OktaResponse(HttpStatusCode.OK, "{\"id\":\"a\",\"other\":1}", null, null).Read<ShapeProbe>().Id);
    }

    // ---- credentials ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Credentials_AskingToResendSendsAgainOnlyOnce()
    {
        var handler = new StubHandler((_, _) => Respond.Empty(HttpStatusCode.Unauthorized,
            ("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\""), ("DPoP-Nonce", "n1")));
        var credentials = new CountingCredentials { ResendOn401 = true };
        using var client = TestClients.Create(handler, credentials: credentials);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.SendAsync(Get("/api/v1/users"), CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(2, credentials.Responses);
        Assert.Equal("use_dpop_nonce", ex.OAuthError);
    }

    // ---- paging ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Paging_FollowsNextLinksVerbatimAndStreamsPages()
    {
        var handler = new StubHandler((request, index) => index switch
        {
            0 => Respond.Json(HttpStatusCode.OK, "[{\"id\":1},{\"id\":2}]",
                ("Link", "<https://dev-123.okta.com/api/v1/apps?limit=2>; rel=\"self\""),
                ("Link", "<https://dev-123.okta.com/api/v1/apps?after=0oa2&limit=2>; rel=\"next\"")),
            1 => Respond.Json(HttpStatusCode.OK, "[{\"id\":3},{\"id\":4}]",
                ("Link", "<https://dev-123.okta.com/api/v1/apps?after=0oa2&limit=2>; rel=\"self\", <https://dev-123.okta.com/api/v1/apps?after=0oa4%3D&limit=2>; rel=\"next\"")),
            _ => Respond.Json(HttpStatusCode.OK, "[{\"id\":5}]",
                ("Link", "<https://dev-123.okta.com/api/v1/apps?after=0oa4%3D&limit=2>; rel=\"self\"")),
        });
        using var client = TestClients.Create(handler);
        var pages = new List<int>();

        await client.GetPagesAsync("/api/v1/apps?limit=2", page =>
        {
            pages.Add(page.Count);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(new[] { 2, 2, 1 }, pages);
        Assert.Equal("https://dev-123.okta.com/api/v1/apps?after=0oa2&limit=2", handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("https://dev-123.okta.com/api/v1/apps?after=0oa4%3D&limit=2", handler.Requests[2].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Paging_RefusesANextLinkToAnotherHost()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]",
            ("Link", "<https://elsewhere.example.com/api/v1/apps?after=x>; rel=\"next\"")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.GetPagesAsync("/api/v1/apps", _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Paging_StopsOnALinkLoop()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "[]",
            ("Link", "<https://dev-123.okta.com/api/v1/apps?after=same>; rel=\"next\"")));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.GetPagesAsync("/api/v1/apps", _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Paging_NonArrayPageIsMalformed()
    {
        var handler = new StubHandler((_, _) => Respond.Json(HttpStatusCode.OK, "{\"id\":1}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.GetPagesAsync("/api/v1/apps", _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(OktaErrorKind.MalformedResponse, ex.Kind);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private sealed class ShapeProbe
    {
        [System.Text.Json.Serialization.JsonPropertyName("id")] public string Id { get; set; } = "";
    }

    private sealed class CountingCredentials : IOktaCredentials
    {
        private int _applied;
        private int _responses;

        public bool ResendOn401 { get; init; }
        public int Applied => _applied;
        public int Responses => _responses;
        public string Mode => "Test";

        public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _applied);
            request.Headers.TryAddWithoutValidation("DPoP", $"proof-{n}");
            return Task.CompletedTask;
        }

        public bool OnResponse(HttpResponseMessage response)
        {
            Interlocked.Increment(ref _responses);
            return ResendOn401 && response.StatusCode == HttpStatusCode.Unauthorized;
        }
    }

    /// <summary>Sends part of a body, then fails like a dropped connection.</summary>
    private sealed class BrokenContent : HttpContent
    {
        private readonly byte[] _prefix;

        public BrokenContent(string prefix)
        {
            _prefix = Encoding.UTF8.GetBytes(prefix);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new BrokenStream(_prefix));

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            throw new IOException("The response ended prematurely.");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private sealed class BrokenStream : MemoryStream
        {
            public BrokenStream(byte[] prefix)
                : base(prefix)
            {
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var read = base.Read(buffer, offset, count);
                return read > 0 ? read : throw new IOException("The response ended prematurely.");
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                var array = new byte[buffer.Length];
                var read = Read(array, 0, array.Length);
                array.AsSpan(0, read).CopyTo(buffer.Span);
                return ValueTask.FromResult(read);
            }
        }
    }

    /// <summary>A body that never arrives (until the stream is disposed).</summary>
    private sealed class StallingContent : HttpContent
    {
        public StallingContent()
        {
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new StallingStream());

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => Task.Delay(Timeout.Infinite);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private sealed class StallingStream : Stream
        {
            private readonly TaskCompletionSource<int> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => _never.Task.GetAwaiter().GetResult();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                // Ignores the token on purpose: only disposing the response may end the read (as on .NET Framework).
                return await _never.Task;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                _never.Task;

            protected override void Dispose(bool disposing)
            {
                _never.TrySetException(new ObjectDisposedException(nameof(StallingStream)));
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>An org with a fixed-window rate limit on a simulated clock.</summary>
    private sealed class SimulatedRateLimitedOrg
    {
        private readonly object _gate = new();
        private readonly long _limit;
        private readonly TimeSpan _window;
        private readonly DateTimeOffset _start;
        private DateTimeOffset _now;
        private DateTimeOffset _windowStart;
        private long _used;

        public SimulatedRateLimitedOrg(long limit, TimeSpan window, DateTimeOffset start)
        {
            _limit = limit;
            _window = window;
            _start = start;
            _now = start;
            _windowStart = start;
        }

        public int TooMany { get; private set; }
        public int Served { get; private set; }
        public TimeSpan Elapsed
        {
            get
            {
                lock (_gate)
                {
                    return _now - _start;
                }
            }
        }

        public DateTimeOffset Now()
        {
            lock (_gate)
            {
                return _now;
            }
        }

        /// <summary>Moves the simulated clock on by a wait. Concurrent waits add up here, which only makes the simulated
        /// run longer (never causes a 429), so bounds on elapsed time are checked for sequential work only.</summary>
        public void Advance(TimeSpan delay)
        {
            lock (_gate)
            {
                _now += delay;
            }
        }

        public HttpResponseMessage Answer()
        {
            lock (_gate)
            {
                while (_now >= _windowStart + _window)
                {
                    _windowStart += _window;
                    _used = 0;
                }

                var reset = _windowStart + _window;
                if (_used >= _limit)
                {
                    TooMany++;
                    return Respond.Json((HttpStatusCode)429, Respond.OktaError429, Respond.RateLimit(_limit, 0, reset, _now));
                }

                _used++;
                Served++;
                return Respond.Json(HttpStatusCode.OK, "{}", Respond.RateLimit(_limit, _limit - _used, reset, _now));
            }
        }
    }
}
