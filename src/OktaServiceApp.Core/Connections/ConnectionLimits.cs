using System.Globalization;
using OktaServiceApp.Core.Configuration;

namespace OktaServiceApp.Core.Connections;

/// <summary>
/// The one range of each limit, whether it comes from a parameter, OKTA_CLIENT_* or okta.yaml. Cmdlets use the constants
/// in ValidateRange, the settings loader and the builder call the checks, so the same value is never valid in one place
/// and refused in another.
/// </summary>
public static class ConnectionLimits
{
    public const int MinRetries = 0;
    public const int MaxRetries = 100;
    /// <summary>0 means no timeout, as in the Okta SDKs.</summary>
    public const int MinTimeoutSeconds = 0;
    public const int MaxTimeoutSeconds = 86400;
    public const int MinApiCapacity = 1;
    public const int MaxApiCapacity = 100;

    public static int CheckRetries(int value, string where) =>
        value is >= MinRetries and <= MaxRetries ? value : throw Invalid(where, $"a whole number from {MinRetries} to {MaxRetries}", value);

    public static TimeSpan CheckTimeout(TimeSpan value, string where) =>
        value.TotalSeconds is >= MinTimeoutSeconds and <= MaxTimeoutSeconds
            ? value
            : throw Invalid(where, $"a number of seconds from {MinTimeoutSeconds} (no timeout) to {MaxTimeoutSeconds}",
                value.TotalSeconds);

    public static int CheckApiCapacity(int value, string where) =>
        value is >= MinApiCapacity and <= MaxApiCapacity ? value : throw Invalid(where, $"a percentage from {MinApiCapacity} to {MaxApiCapacity}", value);

    internal static int ParseRetries(string text, string where) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? CheckRetries(n, where)
            : throw Invalid(where, $"a whole number from {MinRetries} to {MaxRetries}", text);

    internal static int ParseApiCapacity(string text, string where) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? CheckApiCapacity(n, where)
            : throw Invalid(where, $"a percentage from {MinApiCapacity} to {MaxApiCapacity}", text);

    internal static TimeSpan ParseTimeout(string text, string where) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && !double.IsNaN(s) &&
        s is >= MinTimeoutSeconds and <= MaxTimeoutSeconds
            ? TimeSpan.FromSeconds(s)
            : throw Invalid(where, $"a number of seconds from {MinTimeoutSeconds} (no timeout) to {MaxTimeoutSeconds}", text);

    private static OktaConfigurationException Invalid(string where, string expected, object value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
        if (text.Length > 20)
        {
            text = text.Substring(0, 20) + "...";
        }

        return new OktaConfigurationException(ConfigurationProblem.SettingInvalid, $"{where} must be {expected}; it is '{text}'.");
    }
}
