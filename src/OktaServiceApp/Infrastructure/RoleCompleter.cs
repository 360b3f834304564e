using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>Completes Okta's standard admin roles.</summary>
public sealed class RoleCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.From(Core.Roles.StandardRoles.All, wordToComplete);
}
