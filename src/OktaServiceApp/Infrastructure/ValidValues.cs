using System.Management.Automation;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>Input checks that must happen before any request, each with its own ErrorId.</summary>
internal static class ValidValues
{
    public const int MaxScopesPerCall = 100;

    /// <summary>Null when the scopes are fine; else the error for the first bad one.</summary>
    public static ErrorRecord? CheckScopes(IReadOnlyList<string>? scopes, object? target)
    {
        if (scopes is null || scopes.Count == 0)
        {
            return OktaErrors.Invalid(ErrorIds.ScopeMalformed, "No scope was given. Name at least one Okta scope, such as okta.users.read.", target);
        }

        if (scopes.Count > MaxScopesPerCall)
        {
            return OktaErrors.Invalid(ErrorIds.TooManyScopes,
                $"{scopes.Count} scopes were given in one call; the limit is {MaxScopesPerCall}. Split them into several calls.", target,
                ErrorCategory.LimitsExceeded);
        }

        foreach (var scope in scopes)
        {
            if (!ScopeCatalog.IsWellFormed(scope))
            {
                return OktaErrors.Invalid(ErrorIds.ScopeMalformed,
                    $"'{scope}' is not a scope: a scope is one word with no spaces, such as okta.users.read. " +
                    "Separate several scopes with commas.", target);
            }
        }

        return null;
    }

    public static ErrorRecord? CheckAppName(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? OktaErrors.Invalid(ErrorIds.AppNameInvalid, "The app name is empty. Give -Name a name such as 'reporting'.", name)
            : null;

    /// <summary>Tab completion and ValidateSet-style lists.</summary>
    public static IEnumerable<string> Algorithms => SigningKey.SupportedAlgorithms;
}
