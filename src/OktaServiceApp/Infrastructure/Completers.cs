using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using OktaServiceApp.Core.Grants;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>Completes Okta scopes from the catalog. Unknown scopes are still accepted, since Okta adds scopes.</summary>
public sealed class ScopeCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.From(ScopeCatalog.All, wordToComplete);
}

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

internal static class Completion
{
    public static IEnumerable<CompletionResult> From(IEnumerable<string> values, string? word) =>
        values.Where(v => v.StartsWith(word ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
}

/// <summary>Completes Okta's standard admin roles.</summary>
public sealed class RoleCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.From(Core.Roles.StandardRoles.All, wordToComplete);
}
