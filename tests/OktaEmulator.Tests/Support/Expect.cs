using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEmulator.Tests.Support;

/// <summary>Assertions on Okta's two error shapes.</summary>
public static class Expect
{
    /// <summary>Okta-style {errorCode, errorSummary, errorLink, errorId, errorCauses}; returns the body.</summary>
    public static async Task<JsonObject> OktaErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(errorCode, body["errorCode"]!.GetValue<string>());
        Assert.Equal(errorCode, body["errorLink"]!.GetValue<string>());
        Assert.StartsWith("oae", body["errorId"]!.GetValue<string>());
        Assert.NotNull(body["errorSummary"]);
        Assert.IsType<JsonArray>(body["errorCauses"]);
        return body;
    }

    /// <summary>The first errorCauses[].errorSummary of an Okta-style error.</summary>
    public static async Task<string> OktaCauseAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var body = await OktaErrorAsync(response, status, errorCode);
        return body["errorCauses"]!.AsArray()[0]!["errorSummary"]!.GetValue<string>();
    }

    /// <summary>OAuth-style {error, error_description}; returns the description.</summary>
    public static async Task<string> OAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {error}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(error, body["error"]!.GetValue<string>());
        return body["error_description"]!.GetValue<string>();
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : throw new Xunit.Sdk.XunitException($"Header {name} missing.");
}
