using System.Management.Automation.Language;

namespace OktaServiceApp.Release.Tests.Scripts;

/// <summary>Finds the syntax PowerShell 7 added, which Windows PowerShell 5.1 cannot parse or run, in one script's tree.</summary>
internal static class WindowsPowerShellSyntax
{
    public static IReadOnlyList<string> SevenOnlyConstructs(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        var found = errors.Select(e => $"{Where(path, e.Extent)}: parse error {e.ErrorId}").ToList();
        foreach (var node in ast.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            var what = node switch
            {
                TernaryExpressionAst => "ternary operator ?:",
                BinaryExpressionAst { Operator: TokenKind.QuestionQuestion } => "null-coalescing ??",
                AssignmentStatementAst { Operator: TokenKind.QuestionQuestionEquals } => "null-coalescing assignment ??=",
                MemberExpressionAst { NullConditional: true } => "null-conditional ?.",
                IndexExpressionAst { NullConditional: true } => "null-conditional ?[]",
                PipelineChainAst => "pipeline chain && or ||",
                PipelineAst { Background: true } => "background operator &",
                ScriptBlockAst { CleanBlock: not null } => "clean block",
                CommandAst command when IsParallelForEach(command) => "ForEach-Object -Parallel",
                _ => null,
            };
            if (what is not null)
            {
                found.Add($"{Where(path, node.Extent)}: {what}");
            }
        }

        return found;
    }

    private static bool IsParallelForEach(CommandAst command)
    {
        var name = command.GetCommandName();
        return name is not null &&
               (name.Equals("ForEach-Object", StringComparison.OrdinalIgnoreCase) || name is "%" ||
                name.Equals("foreach", StringComparison.OrdinalIgnoreCase)) &&
               command.CommandElements.OfType<CommandParameterAst>().Any(p =>
                   "Parallel".StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase) && p.ParameterName.Length >= 2);
    }

    private static string Where(string path, IScriptExtent extent) =>
        $"{Path.GetFileName(path)}:{extent.StartLineNumber}";
}
