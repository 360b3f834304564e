namespace OktaServiceApp.Core.Http;

/// <summary>Helpers for calls that must not be repeated blindly (see <see cref="IdempotentWrite"/>).</summary>
internal static class UnknownOutcome
{
    /// <summary>True when the server may or may not have applied the request: 5xx, timeout, dropped connection, or a
    /// success answer that could not be read.</summary>
    public static bool IsUnknownOutcome(this OktaApiException exception) =>
        exception.Kind is OktaErrorKind.ServerError or OktaErrorKind.Timeout or OktaErrorKind.ConnectionFailed
            or OktaErrorKind.MalformedResponse;

    public static string EscapePathSegment(string value) => Uri.EscapeDataString(value);

    public static string RequireId(string? value, string name)
    {
        if (value is null || value.Trim().Length == 0)
        {
            throw new ArgumentException($"The {name} is empty.", name);
        }

        return value.Trim();
    }
}
