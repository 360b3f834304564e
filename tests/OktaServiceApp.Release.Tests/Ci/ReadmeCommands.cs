using System.Text.RegularExpressions;
using OktaServiceApp.Release.Tests.Support;

namespace OktaServiceApp.Release.Tests.Ci;

/// <summary>The commands the README shows in its shell code blocks, one per command (split at && and ;, comments dropped).</summary>
internal static class ReadmeCommands
{
    private static readonly Regex s_shellBlock = new(@"^```(bash|powershell|pwsh)?\s*$(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);

    public static IReadOnlySet<string> All()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n");
        var commands = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match block in s_shellBlock.Matches(readme))
        {
            foreach (var command in Split(block.Groups["body"].Value))
            {
                commands.Add(command);
            }
        }

        return commands;
    }

    /// <summary>Single commands of a script: one per line, and per && or ; on a line, without trailing comments.</summary>
    public static IEnumerable<string> Split(string script) =>
        script.Split('\n')
            .Select(line => Regex.Replace(line, @"\s+#.*$", "").Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .SelectMany(line => line.Split(new[] { "&&", ";" }, StringSplitOptions.RemoveEmptyEntries))
            .Select(command => Regex.Replace(command.Trim(), @"\s+", " "))
            .Where(command => command.Length > 0);
}
