namespace OktaServiceApp.Core.Http;

/// <summary>What kind of failure an <see cref="OktaApiException"/> is. Cmdlets map these to ErrorIds and categories.</summary>
public enum OktaErrorKind
{
    /// <summary>400 with an Okta or OAuth error body.</summary>
    BadRequest,
    /// <summary>401: bad API token, invalid_client, invalid_token.</summary>
    Unauthorized,
    /// <summary>403, including insufficient_scope from WWW-Authenticate.</summary>
    Forbidden,
    NotFound,
    Conflict,
    /// <summary>429 after all retries were spent.</summary>
    RateLimited,
    /// <summary>5xx after all retries were spent.</summary>
    ServerError,
    /// <summary>The body was not what the endpoint documents (HTML, truncated JSON, wrong shape).</summary>
    MalformedResponse,
    /// <summary>The per-request timeout elapsed.</summary>
    Timeout,
    /// <summary>The connection dropped; the request may or may not have been applied.</summary>
    ConnectionFailed,
    Other,
}
