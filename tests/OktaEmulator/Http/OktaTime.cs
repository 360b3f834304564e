using System.Globalization;

namespace OktaEmulator.Http;

/// <summary>Okta writes timestamps as "2026-02-02T11:26:20.000Z".</summary>
internal static class OktaTime
{
    public static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
