using System.Diagnostics;
using System.Net;
using OktaServiceApp.Core.Http;
using Xunit;
using static OktaServiceApp.Core.Tests.Http.OktaClientTestRequests;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>The per-request timeout (headers and body) and cancellation by the caller.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class OktaClientTimeoutTests
{
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

    // ---- test doubles ---------------------------------------------------------------------------------------------

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

#if !NETFRAMEWORK
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                // Ignores the token on purpose: only disposing the response may end the read (as on .NET Framework).
                return await _never.Task;
            }
#endif

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                _never.Task;

            protected override void Dispose(bool disposing)
            {
                _never.TrySetException(new ObjectDisposedException(nameof(StallingStream)));
                base.Dispose(disposing);
            }
        }
    }
}
