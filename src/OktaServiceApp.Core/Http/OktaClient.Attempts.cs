using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OktaServiceApp.Core.Http;

// One HTTP attempt: building the message, the per-attempt timeout, reading and buffering the body, and telling
// transport failures (timeout or dropped connection) from answers.
public sealed partial class OktaClient
{
    private async Task<Attempt> SendOnceAsync(OktaRequest request, Uri uri, string? jsonBody, string? retryFor,
        int retryCount, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, uri);
        if (request.ContentFactory is not null)
        {
            message.Content = await request.ContentFactory(cancellationToken).ConfigureAwait(false);
        }
        else if (jsonBody is not null)
        {
            message.Content = new StringContent(jsonBody, new UTF8Encoding(false), "application/json");
        }

        if (retryFor is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Okta-Retry-For", retryFor);
            message.Headers.TryAddWithoutValidation("X-Okta-Retry-Count",
                retryCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Credentials.ApplyAsync(message, cancellationToken).ConfigureAwait(false);
        request.OnAttempt?.Invoke(message);

        var timeout = Options.RequestTimeout;
        using var timeoutSource = new CancellationTokenSource();
        if (timeout > TimeSpan.Zero && timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            timeoutSource.CancelAfter(timeout);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        Statistics.AddRequest();
        var stopwatch = Stopwatch.StartNew();
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);

            // The whole body is read inside the timeout; a stalled read is aborted by disposing the response.
            byte[] bytes;
            using (linked.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
            {
                bytes = await ReadAllAsync(response.Content, linked.Token).ConfigureAwait(false);
            }

            linked.Token.ThrowIfCancellationRequested();
            BufferContent(response, bytes);
            return new Attempt(response, Decode(bytes), stopwatch.ElapsedMilliseconds) { Bytes = bytes };
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            response?.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The operation was cancelled.", ex, cancellationToken);
            }

            var kind = timeoutSource.IsCancellationRequested || ex is OperationCanceledException
                ? OktaErrorKind.Timeout
                : OktaErrorKind.ConnectionFailed;
            return new Attempt(kind, ex, stopwatch.ElapsedMilliseconds);
        }
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException
            or System.Net.Sockets.SocketException or WebException;

    private static async Task<byte[]> ReadAllAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return Array.Empty<byte>();
        }

        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        var expected = content.Headers.ContentLength is long length and > 0 and < int.MaxValue ? (int)length : 0;
        using var buffer = new MemoryStream(expected);
        await stream.CopyToAsync(buffer, 16384, cancellationToken).ConfigureAwait(false);
        // A body of exactly the announced length is handed over without another copy.
        return buffer.Length == buffer.Capacity && buffer.TryGetBuffer(out var whole) && whole.Offset == 0 && whole.Array!.Length == buffer.Length
            ? whole.Array
            : buffer.ToArray();
    }

    /// <summary>Replaces the consumed content with the buffered bytes, so credentials can still read the body.</summary>
    private static void BufferContent(HttpResponseMessage response, byte[] bytes)
    {
        var original = response.Content;
        var buffered = new ByteArrayContent(bytes);
        if (original is not null)
        {
            foreach (var header in original.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            original.Dispose();
        }

        response.Content = buffered;
    }

    private static string Decode(byte[] bytes)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, offset, bytes.Length - offset);
    }

    /// <summary>A 2xx body that claims to be JSON (or looks like it) must parse completely; a truncated one is a fault.</summary>
    private static bool IsWellFormedJson(HttpResponseMessage response, byte[] bytes)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == bytes.Length)
        {
            return true;
        }

        var looksJson = bytes[start] is (byte)'{' or (byte)'[';
        if (!HeaderParsing.IsJsonMediaType(HeaderParsing.ContentType(response)) && !looksJson)
        {
            // Not JSON and not claiming to be: the caller decides (Read/ReadJson throw MalformedResponse).
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes, start, bytes.Length - start),
                new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed class Attempt
    {
        public Attempt(HttpResponseMessage response, string body, long elapsedMs)
        {
            Response = response;
            Body = body;
            ElapsedMs = elapsedMs;
        }

        public Attempt(OktaErrorKind fault, Exception exception, long elapsedMs)
        {
            Fault = fault;
            Exception = exception;
            ElapsedMs = elapsedMs;
        }

        public HttpResponseMessage? Response { get; }
        public string? Body { get; }
        /// <summary>The body as received, so JSON is checked without encoding it again.</summary>
        public byte[] Bytes { get; init; } = Array.Empty<byte>();
        public OktaErrorKind? Fault { get; }
        public Exception? Exception { get; }
        public long ElapsedMs { get; }
    }
}
