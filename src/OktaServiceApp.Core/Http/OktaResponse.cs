using System.Net;
using System.Text.Json;

namespace OktaServiceApp.Core.Http;

/// <summary>A successful (2xx) response, fully read.</summary>
public sealed class OktaResponse
{
    public OktaResponse(HttpStatusCode statusCode, string body, string? requestId, Uri? nextLink)
    {
        StatusCode = statusCode;
        Body = body;
        RequestId = requestId;
        NextLink = nextLink;
    }

    public HttpStatusCode StatusCode { get; }
    public string Body { get; }
    public string? RequestId { get; }
    /// <summary>The Link rel="next" URL, verbatim.</summary>
    public Uri? NextLink { get; }

    /// <summary>The method of the request, for error messages.</summary>
    internal string? Method { get; init; }

    /// <summary>The path of the request without the query, for error messages.</summary>
    internal string? Path { get; init; }

    /// <summary>The DPoP-Nonce header, when the server sent one.</summary>
    internal string? DpopNonce { get; init; }

    /// <summary>Deserialises the body; a body of the wrong shape throws OktaApiException(MalformedResponse).</summary>
    public T Read<T>()
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(Body, OktaJson.Options);
            if (value is null)
            {
                throw Malformed("an empty JSON value", null);
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw Malformed("JSON of an unexpected shape", ex);
        }
        catch (NotSupportedException ex)
        {
            throw Malformed("JSON of an unexpected shape", ex);
        }
        catch (ArgumentException ex)
        {
            throw Malformed("JSON of an unexpected shape", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw Malformed("JSON of an unexpected shape", ex);
        }
    }

    /// <summary>The body as a JSON element (a clone, safe after this object is gone).</summary>
    public JsonElement ReadJson()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Malformed(Body.Length == 0 ? "an empty body" : "a body that is not JSON", ex);
        }
    }

    /// <summary>The body as a list of JSON elements, for list endpoints.</summary>
    internal IReadOnlyList<JsonElement> ReadArray()
    {
        var root = ReadJson();
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("JSON that is not a list", null);
        }

        var items = new List<JsonElement>(root.GetArrayLength());
        foreach (var item in root.EnumerateArray())
        {
            items.Add(item);
        }

        return items;
    }

    internal OktaApiException Malformed(string what, Exception? inner)
    {
        // The exception message of a JsonException can quote the body, so it is only kept as the inner exception's type and
        // position, never in this message.
        var where = Method is null ? "" : $" to {Method} {Path}";
        var requestId = RequestId is null ? "" : $", request id {RequestId}";
        return new OktaApiException(
            OktaErrorKind.MalformedResponse,
            $"Okta answered{where} with {what} (HTTP {(int)StatusCode}{requestId}).",
            inner is null ? null : new FormatException(DescribeJsonError(inner)))
        {
            StatusCode = (int)StatusCode,
            Method = Method,
            Path = Path,
            RequestId = RequestId,
        };
    }

    private static string DescribeJsonError(Exception ex) => ex switch
    {
        JsonException json when json.LineNumber is not null =>
            $"Invalid JSON at line {json.LineNumber + 1}, position {json.BytePositionInLine + 1} (path {json.Path ?? "$"}).",
        JsonException json => $"Invalid JSON (path {json.Path ?? "$"}).",
        _ => ex.GetType().Name,
    };
}
