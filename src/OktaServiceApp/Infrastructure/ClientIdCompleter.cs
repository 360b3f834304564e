using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>Completes client ids of apps seen in this session.</summary>
public sealed class ClientIdCompleter : IArgumentCompleter
{
    private static readonly ConcurrentDictionary<string, string> s_seen = new();

    internal static void Remember(string clientId, string name) => s_seen[clientId] = name;

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        s_seen.Where(p => p.Key.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new CompletionResult(p.Key, p.Key, CompletionResultType.ParameterValue, $"{p.Value} ({p.Key})"));
}
