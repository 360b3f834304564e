using System.Collections;
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
