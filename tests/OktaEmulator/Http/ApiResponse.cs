using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OktaEmulator.Http;

/// <summary>
/// Every answer the emulator gives, with Okta's two error shapes built in one place so that no handler
/// can drift from the wire contract (Okta-style for the management API, OAuth-style for DCR 400s and /token).
/// </summary>
internal sealed class ApiResponse : IResult
{
    /// <summary>Okta does not \u-escape backticks or quotes in messages; relaxed escaping keeps bodies readable and comparable.</summary>
    internal static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<KeyValuePair<string, string>> _headers = [];

    private ApiResponse(int status, JsonNode? body)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }
    public JsonNode? Body { get; }

    public static ApiResponse Json(int status, JsonNode? body) => new(status, body);
    public static ApiResponse Ok(JsonNode body) => new(StatusCodes.Status200OK, body);
    public static ApiResponse NoContent() => new(StatusCodes.Status204NoContent, null);

    /// <summary>No body at all: Okta answers a missing scope with only a WWW-Authenticate header.</summary>
    public static ApiResponse Empty(int status) => new(status, null);

    public static ApiResponse OktaError(int status, string code, string summary, params string[] causes)
    {
        var causeArray = new JsonArray();
        foreach (var cause in causes)
        {
            causeArray.Add(new JsonObject { ["errorSummary"] = cause });
        }

        return new ApiResponse(status, new JsonObject
        {
            ["errorCode"] = code,
            ["errorSummary"] = summary,
            ["errorLink"] = code,
            ["errorId"] = OktaIds.ErrorId(),
            ["errorCauses"] = causeArray,
        });
    }

    public static ApiResponse OAuthError(int status, string error, string description) =>
        new(status, new JsonObject { ["error"] = error, ["error_description"] = description });

    public static ApiResponse ValidationFailed(string what, params string[] causes) =>
        OktaError(StatusCodes.Status400BadRequest, "E0000001", "Api validation failed: " + what, causes);

    public static ApiResponse NotFound(string id, string type) =>
        OktaError(StatusCodes.Status404NotFound, "E0000007", $"Not found: Resource not found: {id} ({type})");

    public static ApiResponse MalformedBody() =>
        OktaError(StatusCodes.Status400BadRequest, "E0000003", "The request body was not well-formed.");

    public ApiResponse WithHeader(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        if (Body is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(Body.ToJsonString(WireJson));
        response.ContentType = "application/json";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
