using System.Text;
using System.Text.Json;

namespace OktaServiceApp.Core.Http;

/// <summary>Turns a non-2xx response into an <see cref="OktaApiException"/>, folding in both of Okta's error body shapes and
/// WWW-Authenticate. Only server-written texts (summaries, descriptions, codes, ids) reach the message.</summary>
internal static class OktaErrorResponse
{
    public static OktaErrorKind KindFromStatus(int status) => status switch
    {
        400 => OktaErrorKind.BadRequest,
        401 => OktaErrorKind.Unauthorized,
        403 => OktaErrorKind.Forbidden,
        404 => OktaErrorKind.NotFound,
        409 => OktaErrorKind.Conflict,
        429 => OktaErrorKind.RateLimited,
        >= 500 and <= 599 => OktaErrorKind.ServerError,
        _ => OktaErrorKind.Other,
    };

    public static OktaApiException FromResponse(HttpResponseMessage response, string body, string method, string path,
        string? note = null)
    {
        var status = (int)response.StatusCode;
        var kind = KindFromStatus(status);
        var requestId = HeaderParsing.First(response, "X-Okta-Request-Id");
        var dpopNonce = HeaderParsing.First(response, "DPoP-Nonce");
        var mediaType = HeaderParsing.ContentType(response);

        string? errorCode = null, errorSummary = null, errorId = null, oauthError = null, oauthDescription = null;
        string? requiredScope = null;
        var causes = new List<string>();
        var bodyKind = BodyKind.Empty;

        if (body.Trim().Length > 0)
        {
            bodyKind = BodyKind.NotJson;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                bodyKind = BodyKind.JsonOther;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    errorCode = root.GetString("errorCode");
                    errorSummary = root.GetString("errorSummary");
                    errorId = root.GetString("errorId");
                    oauthError = root.GetString("error");
                    oauthDescription = root.GetString("error_description");
                    if (root.TryGetProperty("errorCauses", out var causeArray) && causeArray.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var cause in causeArray.EnumerateArray())
                        {
                            var summary = cause.GetString("errorSummary");
                            if (!string.IsNullOrEmpty(summary))
                            {
                                causes.Add(summary!);
                            }
                        }
                    }

                    if (errorCode is not null || errorSummary is not null)
                    {
                        bodyKind = BodyKind.Okta;
                    }
                    else if (oauthError is not null)
                    {
                        bodyKind = BodyKind.OAuth;
                    }
                }
            }
            catch (JsonException)
            {
                bodyKind = BodyKind.NotJson;
            }
        }

        // WWW-Authenticate carries the details when the body has none (insufficient_scope, DPoP problems), and a scope hint always.
        var challenges = HeaderParsing.ParseChallenges(HeaderParsing.Values(response, "WWW-Authenticate"));
        foreach (var challenge in challenges)
        {
            if (bodyKind is not (BodyKind.Okta or BodyKind.OAuth) && oauthError is null && challenge["error"] is { } error)
            {
                oauthError = error;
                oauthDescription = challenge["error_description"];
            }

            requiredScope ??= challenge["scope"] is { Length: > 0 } scope && IsScopeChallenge(challenge) ? scope : null;
        }

        var message = BuildMessage(status, bodyKind, mediaType, errorCode, errorSummary, causes, oauthError,
            oauthDescription, requiredScope, requestId, note);

        return new OktaApiException(kind, message)
        {
            StatusCode = status,
            Method = method,
            Path = path,
            ErrorCode = errorCode,
            ErrorSummary = errorSummary,
            ErrorCauses = causes,
            ErrorId = errorId,
            RequestId = requestId,
            OAuthError = oauthError,
            OAuthErrorDescription = oauthDescription,
            RequiredScope = requiredScope,
            DpopNonce = dpopNonce,
        };
    }

    private static bool IsScopeChallenge(HeaderParsing.Challenge challenge) =>
        challenge["error"] is null or "insufficient_scope";

    private static string BuildMessage(int status, BodyKind bodyKind, string? mediaType, string? errorCode,
        string? errorSummary, List<string> causes, string? oauthError, string? oauthDescription, string? requiredScope,
        string? requestId, string? note)
    {
        var text = new StringBuilder();
        var details = new List<string> { $"HTTP {status}" };
        if (errorCode is not null || errorSummary is not null)
        {
            text.Append(errorSummary ?? "Okta returned an error");
            if (causes.Count > 0)
            {
                text.Append(TrimEndPunctuation(text.ToString()) == text.ToString() ? ": " : " ");
                text.Append(string.Join("; ", causes));
            }

            if (errorCode is not null)
            {
                details.Add(errorCode);
            }
        }
        else if (oauthError is not null)
        {
            text.Append(oauthDescription is { Length: > 0 } ? oauthDescription : DescribeOAuthError(oauthError));
            details.Add(oauthError);
        }
        else if (bodyKind == BodyKind.NotJson)
        {
            text.Append($"Okta returned HTTP {status} with a non-JSON body ({mediaType ?? "no content type"})");
        }
        else if (bodyKind == BodyKind.Empty)
        {
            text.Append($"Okta returned HTTP {status} with an empty body");
        }
        else
        {
            text.Append($"Okta returned HTTP {status} with a JSON body that is not an Okta error");
        }

        if (requiredScope is not null)
        {
            details.Add($"requires scope {requiredScope}");
        }

        if (requestId is not null)
        {
            details.Add($"request id {requestId}");
        }

        var result = $"{TrimEndPunctuation(text.ToString())} ({string.Join(", ", details)})";
        var hint = note ?? Hint(status, errorCode, oauthError);
        return hint is null ? result : $"{result}. {hint}";
    }

    private static string TrimEndPunctuation(string text) => text.TrimEnd(' ', '.');

    private static string DescribeOAuthError(string error) => error switch
    {
        "insufficient_scope" => "The access token does not contain the scope this call needs",
        "invalid_token" => "The access token was rejected",
        "invalid_dpop_proof" => "The DPoP proof was rejected",
        "use_dpop_nonce" => "The server requires a DPoP nonce",
        _ => "Okta refused the request",
    };

    private static string? Hint(int status, string? errorCode, string? oauthError) => (status, errorCode, oauthError) switch
    {
        (_, _, "insufficient_scope") =>
            "Grant the scope to the service app (Grant-OktaScope) and connect again so the token carries it",
        (_, _, "consent_required") => "Grant the scopes to the service app first (Grant-OktaScope)",
        (_, _, "invalid_scope") => "Request only scopes that are granted to the service app",
        (401, "E0000011", _) => "Check the API token: it may be wrong, expired or revoked",
        (403, "E0000006", _) =>
            "The caller lacks the permission; a service app also needs an admin role that covers the resource",
        _ => null,
    };

    private enum BodyKind
    {
        Empty,
        NotJson,
        JsonOther,
        Okta,
        OAuth,
    }
}
