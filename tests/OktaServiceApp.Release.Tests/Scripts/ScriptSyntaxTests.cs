using OktaServiceApp.Release.Tests.Support;
using Xunit.Abstractions;

namespace OktaServiceApp.Release.Tests.Scripts;

/// <summary>
/// Issue 11: build.ps1, the build tools, the Pester suite, the demo and the benchmark must parse and run in Windows PowerShell
/// 5.1. PowerShell 7's parser reads every construct, so walking its trees finds what 5.1 would reject.
/// </summary>
public sealed class ScriptSyntaxTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        var files = new[] { Repository.PathOf("build.ps1") }
            .Concat(new[] { "tools", "tests/pester", "tests/demo", "tests/bench" }.SelectMany(ScriptsUnder));
        foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_uses_only_Windows_PowerShell_5_1_syntax(string relativePath)
    {
        var found = WindowsPowerShellSyntax.SevenOnlyConstructs(Repository.PathOf(relativePath));
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void The_check_sees_every_7_only_construct()
    {
        var sample = Path.Combine(Path.GetTempPath(), $"seven-only-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(sample, string.Join("\n",
            "$a = $true ? 1 : 2",
            "$b = $null ?? 3",
            "$c ??= 4",
            "$d = ${x}?.Name",
            "$e = ${x}?[0]",
            "git status && git log",
            "Start-Sleep 1 &",
            "1..3 | ForEach-Object -Parallel { $_ }",
            "function f { process { } clean { } }"));
        try
        {
            var found = WindowsPowerShellSyntax.SevenOnlyConstructs(sample);
            output.WriteLine(string.Join(Environment.NewLine, found));
            Assert.Equal(9, found.Count);
        }
        finally
        {
            File.Delete(sample);
        }
    }

    [Fact]
    public void Scripts_are_found()
    {
        var scripts = Scripts().Cast<object[]>().Select(row => (string)row[0]).ToList();
        output.WriteLine($"{scripts.Count} scripts: {string.Join(", ", scripts)}");
        Assert.Contains("build.ps1", scripts);
        Assert.Contains("tools/BuildTools.psm1", scripts);
        Assert.Contains("tests/demo/Invoke-Demo.ps1", scripts);
        Assert.Contains("tests/bench/Invoke-Bench.ps1", scripts);
        Assert.Contains(scripts, s => s.StartsWith("tests/pester/", StringComparison.Ordinal));
    }

    private static IEnumerable<string> ScriptsUnder(string folder) =>
        Directory.EnumerateFiles(Repository.PathOf(folder.Split('/')), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
}
