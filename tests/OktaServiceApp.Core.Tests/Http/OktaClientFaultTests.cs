using System.Net;
using System.Text;
using OktaServiceApp.Core.Http;
using Xunit;
using static OktaServiceApp.Core.Tests.Http.OktaClientTestRequests;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>Server errors, dropped connections and broken bodies: retried with back-off for GET, thrown at once for
/// POST.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class OktaClientFaultTests
{
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

    // ---- test doubles ---------------------------------------------------------------------------------------------

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

#if !NETFRAMEWORK
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                var array = new byte[buffer.Length];
                var read = Read(array, 0, array.Length);
                array.AsSpan(0, read).CopyTo(buffer.Span);
                return ValueTask.FromResult(read);
            }
#endif
        }
    }
}
