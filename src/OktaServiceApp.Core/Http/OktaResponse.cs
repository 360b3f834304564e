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

    /// <summary>Deserialises the body; a body of the wrong shape throws OktaApiException(MalformedResponse).</summary>
    public T Read<T>() => throw new NotImplementedException();

    /// <summary>The body as a JSON element (a clone, safe after this object is gone).</summary>
    public JsonElement ReadJson() => throw new NotImplementedException();
}
