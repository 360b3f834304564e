using System.Management.Automation;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>The completions among some values that start with the word typed so far.</summary>
internal static class Completion
{
    public static IEnumerable<CompletionResult> From(IEnumerable<string> values, string? word) =>
        values.Where(v => v.StartsWith(word ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
}
