namespace OktaServiceApp.Core.Http;

/// <summary>
/// A failed Okta call, with both of Okta's error shapes folded in: Okta-style (errorCode, errorSummary, errorCauses, errorId)
/// and OAuth-style (error, error_description), plus WWW-Authenticate details when the body is empty.
/// Never carries a request header or body, so no secret can reach its message.
/// </summary>
public sealed class OktaApiException : Exception
{
    public OktaApiException(OktaErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public OktaErrorKind Kind { get; }
    public int? StatusCode { get; init; }
    public string? Method { get; init; }
    /// <summary>Path without the query string.</summary>
    public string? Path { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorSummary { get; init; }
    public IReadOnlyList<string> ErrorCauses { get; init; } = Array.Empty<string>();
    public string? ErrorId { get; init; }
    public string? RequestId { get; init; }
    /// <summary>OAuth "error" (invalid_client, invalid_scope, invalid_dpop_proof, use_dpop_nonce, ...), from the body or WWW-Authenticate.</summary>
    public string? OAuthError { get; init; }
    public string? OAuthErrorDescription { get; init; }
    /// <summary>The scope named in a WWW-Authenticate insufficient_scope challenge.</summary>
    public string? RequiredScope { get; init; }
    /// <summary>The DPoP-Nonce header, when the server sent one.</summary>
    public string? DpopNonce { get; init; }

    /// <summary>True when an earlier attempt of the same call had an unknown outcome (fault, timeout, dropped connection),
    /// so e.g. a 404 on a retried DELETE means the first attempt already deleted it.</summary>
    internal bool AfterUnknownOutcome { get; set; }
}
