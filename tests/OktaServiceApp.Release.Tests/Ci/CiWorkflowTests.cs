using OktaServiceApp.Release.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace OktaServiceApp.Release.Tests.Ci;

/// <summary>
/// Issue 11: CI cannot run here, so its workflow is checked as data: valid YAML, the four legs the README's "Verified on" table
/// names (Linux, macOS, Windows under pwsh and under Windows PowerShell 5.1), and no command the README does not show.
/// </summary>
public sealed class CiWorkflowTests
{
    private static readonly string[] s_allowedActions = { "actions/checkout@v4", "actions/setup-dotnet@v4" };

    [Fact]
    public void Workflow_runs_on_linux_macos_and_windows_under_pwsh_and_Windows_PowerShell()
    {
        var legs = Job()["strategy"].Map()["matrix"].Map()["include"].Sequence()
            .Select(leg => $"{leg.Map()["os"]}/{leg.Map()["shell"]}")
            .OrderBy(l => l, StringComparer.Ordinal);

        Assert.Equal(new[] { "macos-latest/bash", "ubuntu-latest/bash", "windows-latest/powershell", "windows-latest/pwsh" }, legs);
        Assert.Equal("${{ matrix.shell }}", Job()["defaults"].Map()["run"].Map()["shell"].ToString());
    }

    [Fact]
    public void Workflow_runs_only_commands_the_README_shows()
    {
        var readme = ReadmeCommands.All();
        foreach (var step in Steps())
        {
            if (step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses))
            {
                Assert.Contains(uses.ToString(), s_allowedActions);
            }

            if (step.Children.TryGetValue(new YamlScalarNode("run"), out var run))
            {
                Assert.All(ReadmeCommands.Split(run.ToString()), command => Assert.Contains(command, readme));
            }
        }
    }

    [Fact]
    public void Every_leg_runs_the_test_task_once()
    {
        var runs = Runs().Where(r => r.If != WindowsOnly).ToList();

        var seven = runs.Where(r => r.If == "matrix.shell != 'powershell'").SelectMany(r => r.Commands).ToList();
        var desktop = runs.Where(r => r.If == "matrix.shell == 'powershell'").SelectMany(r => r.Commands).ToList();
        Assert.Equal(runs.Count, runs.Count(r => r.If is "matrix.shell != 'powershell'" or "matrix.shell == 'powershell'"));
        Assert.Equal(new[] { "dotnet tool restore", "dotnet pwsh ./build.ps1 -Task Test" }, seven);
        // Run by powershell.exe itself, so that build.ps1 runs Pester in Windows PowerShell and the module loads as Desktop.
        Assert.Equal(new[] { "dotnet tool restore", "./build.ps1 -Task Test" }, desktop);
    }

    [Fact]
    public void Windows_legs_then_sign_with_a_non_exportable_CNG_certificate()
    {
        // Issue 12: a key that never leaves its store can only be made on Windows; one step, after the test task, in the leg's shell.
        var windows = Runs().Where(r => r.If == WindowsOnly).ToList();
        var step = Assert.Single(windows);
        Assert.Equal(new[] { CngCheck }, step.Commands);
        Assert.Equal(WindowsOnly, Runs().Last().If);
        var script = File.ReadAllText(Repository.PathOf("tests", "pester", "Invoke-CngCertificateTests.ps1"));
        Assert.Contains("-KeyExportPolicy NonExportable", script, StringComparison.Ordinal);
        Assert.Contains("'Microsoft Software Key Storage Provider'", script, StringComparison.Ordinal);
        Assert.Contains("CertificateStore.Windows.Tests.ps1", script, StringComparison.Ordinal);
        Assert.True(File.Exists(Repository.PathOf("tests", "pester", "CertificateStore.Windows.Tests.ps1")));
    }

    private const string WindowsOnly = "runner.os == 'Windows'";
    private const string CngCheck = "./tests/pester/Invoke-CngCertificateTests.ps1";

    private static List<(string If, List<string> Commands)> Runs() =>
        Steps().Where(s => s.Children.ContainsKey(new YamlScalarNode("run")))
            .Select(s => (If: s.Children.TryGetValue(new YamlScalarNode("if"), out var condition) ? condition.ToString() : "",
                Commands: ReadmeCommands.Split(s["run"].ToString()).ToList()))
            .ToList();

    private static YamlMappingNode Job() =>
        Workflow()["jobs"].Map()["test"].Map();

    private static IEnumerable<YamlMappingNode> Steps() => Job()["steps"].Sequence().Select(s => s.Map());

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf(".github", "workflows", "ci.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
