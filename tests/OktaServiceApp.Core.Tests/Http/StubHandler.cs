using System.Net;
using System.Text;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>A request as the stub handler saw it (headers and body copied before the client disposes the message).</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(HttpMethod method, Uri uri, Dictionary<string, string> headers, string body)
    {
        Method = method;
        Uri = uri;
        Headers = headers;
        Body = body;
    }

    public HttpMethod Method { get; }
    public Uri Uri { get; }
    public Dictionary<string, string> Headers { get; }
    public string Body { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>An HttpMessageHandler that records every request and answers with a function of (request, index).</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly List<RecordedRequest> _requests = new();

    public StubHandler(Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _respond = respond;
    }

    public StubHandler(Func<RecordedRequest, int, HttpResponseMessage> respond)
        : this((request, index, _) => Task.FromResult(respond(request, index)))
    {
    }

    /// <summary>Answers with the given responses in order; the last one repeats.</summary>
    public static StubHandler Sequence(params Func<HttpResponseMessage>[] responses) =>
        new((_, index) => responses[Math.Min(index, responses.Length - 1)]());

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        var body = "";
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

#if NETFRAMEWORK
            body = await request.Content.ReadAsStringAsync();
#else
            body = await request.Content.ReadAsStringAsync(cancellationToken);
#endif
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(recorded);
        }

        var response = await _respond(recorded, index, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}

/// <summary>Builds responses.</summary>
public static class Respond
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return WithHeaders(response, headers);
    }

    public static HttpResponseMessage Text(HttpStatusCode status, string text, string mediaType,
        params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };
        return WithHeaders(response, headers);
    }

    public static HttpResponseMessage Empty(HttpStatusCode status, params (string Name, string Value)[] headers) =>
        WithHeaders(new HttpResponseMessage(status) { Content = new ByteArrayContent(Array.Empty<byte>()) }, headers);

    public static HttpResponseMessage WithHeaders(HttpResponseMessage response, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content!.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    public static string HttpDate(DateTimeOffset time) => time.ToUniversalTime().ToString("r");

    public static (string, string)[] RateLimit(long limit, long remaining, DateTimeOffset reset, DateTimeOffset date) =>
        new[]
        {
            ("X-Rate-Limit-Limit", limit.ToString()),
            ("X-Rate-Limit-Remaining", remaining.ToString()),
            ("X-Rate-Limit-Reset", reset.ToUnixTimeSeconds().ToString()),
            ("Date", HttpDate(date)),
        };

    public const string OktaError429 =
        "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many requests.\",\"errorLink\":\"E0000047\",\"errorId\":\"oae429\",\"errorCauses\":[]}";
}

/// <summary>Collects observer calls.</summary>
public sealed class RecordingObserver : IOktaObserver
{
    private readonly List<string> _messages = new();
    private readonly List<(TimeSpan Delay, string Reason)> _waits = new();

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public IReadOnlyList<(TimeSpan Delay, string Reason)> Waits
    {
        get
        {
            lock (_waits)
            {
                return _waits.ToList();
            }
        }
    }

    public void Verbose(string message)
    {
        lock (_messages)
        {
            _messages.Add("VERBOSE: " + message);
        }
    }

    public void Debug(string message)
    {
        lock (_messages)
        {
            _messages.Add("DEBUG: " + message);
        }
    }

    public void Waiting(TimeSpan delay, string reason)
    {
        lock (_waits)
        {
            _waits.Add((delay, reason));
        }
    }
}

/// <summary>Makes clients over a stub handler with recorded, instant waits.</summary>
public static class TestClients
{
    public static readonly Uri Org = new("https://dev-123.okta.com");

    public static OktaClient Create(StubHandler handler, Action<OktaClientOptions>? configure = null,
        IOktaCredentials? credentials = null, List<TimeSpan>? delays = null, Uri? org = null)
    {
        var options = new OktaClientOptions(org ?? Org) { Handler = handler };
        configure?.Invoke(options);
        var client = new OktaClient(options, credentials ?? new SswsCredentials("00testtoken"));
        client.DelayAsync = (delay, token) =>
        {
            if (delays is not null)
            {
                lock (delays)
                {
                    delays.Add(delay);
                }
            }

            token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };
        return client;
    }
}
