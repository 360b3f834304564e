using Xunit.Abstractions;

namespace OktaServiceApp.Release.Tests.Payload;

/// <summary>
/// Issue 11: every assembly we ship for an edition finds each of its references in that edition's payload (same or higher version)
/// or in that edition's runtime. Runs on any OS against the staged module: no Windows needed to know what 5.1 would fail to load.
/// </summary>
public sealed class PayloadClosureTests(ITestOutputHelper output)
{
    // PowerShell itself provides this one; PowerShellStandard.Library compiles against 3.0.0.0, which 5.1 and every 7.x satisfy.
    private static readonly Dictionary<string, Version> s_host = new(StringComparer.OrdinalIgnoreCase)
    {
        ["System.Management.Automation"] = new Version(3, 0, 0, 0),
    };

    [Theory]
    [InlineData("Desktop")]
    [InlineData("Core")]
    public void Every_reference_of_every_shipped_assembly_resolves_in_its_edition(string editionName)
    {
        var edition = Edition.Named(editionName);
        var shipped = edition.Shipped();
        var payload = shipped.ToDictionary(a => a.Name, a => a.Version, StringComparer.OrdinalIgnoreCase);
        var inBox = edition.InBox();
        int fromPayload = 0, fromInBox = 0, fromHost = 0;
        var unresolved = new List<string>();
        foreach (var assembly in shipped)
        {
            foreach (var reference in assembly.References)
            {
                var name = reference.Name!;
                var wanted = reference.Version ?? new Version(0, 0, 0, 0);
                if (payload.TryGetValue(name, out var ours) && ours >= wanted)
                {
                    fromPayload++;
                }
                else if (inBox.TryGetValue(name, out var theirs) && theirs >= wanted)
                {
                    fromInBox++;
                }
                else if (s_host.TryGetValue(name, out var host) && host >= wanted)
                {
                    fromHost++;
                }
                else
                {
                    unresolved.Add($"{assembly.Name} -> {name} {wanted} (payload: {ours?.ToString() ?? "none"}, in-box: {theirs?.ToString() ?? "none"})");
                }
            }
        }

        output.WriteLine($"{edition.Name}: {shipped.Count} assemblies, {fromPayload + fromInBox + fromHost + unresolved.Count} references: " +
                         $"{fromPayload} to the payload, {fromInBox} in-box, {fromHost} to PowerShell, {unresolved.Count} unresolved");
        Assert.True(unresolved.Count == 0, string.Join(Environment.NewLine, unresolved));
    }

    [Fact]
    public void Desktop_ships_each_package_s_Framework_build_wherever_the_package_has_one()
    {
        var packages = PayloadPackages.Load(Edition.Desktop);
        var notFrameworkBuild = new List<string>();
        var withoutFrameworkBuild = new List<string>();
        foreach (var dependency in Edition.Desktop.Dependencies())
        {
            var frameworkBuild = packages.FrameworkBuildOf(dependency.Name);
            if (frameworkBuild is null)
            {
                withoutFrameworkBuild.Add($"{dependency.Name} ({dependency.TargetFramework})");
            }
            else if (!File.ReadAllBytes(frameworkBuild).AsSpan().SequenceEqual(File.ReadAllBytes(dependency.Path)))
            {
                notFrameworkBuild.Add($"{dependency.Name}: shipped {dependency.TargetFramework}, the package has {frameworkBuild}");
            }
        }

        output.WriteLine($"Desktop: {Edition.Desktop.Dependencies().Count} dependencies, {notFrameworkBuild.Count} not the package's Framework build " +
                         $"although it has one; packages with no Framework build: {string.Join(", ", withoutFrameworkBuild.DefaultIfEmpty("none"))}");
        Assert.True(notFrameworkBuild.Count == 0, string.Join(Environment.NewLine, notFrameworkBuild));
    }

    [Fact]
    public void Core_ships_only_net8_builds_that_NET_8_lacks()
    {
        var inBox = Edition.Core.InBox();
        var dependencies = Edition.Core.Dependencies();
        output.WriteLine("Core: " + string.Join(", ", dependencies.Select(d => $"{d.Name} {d.Version} [{d.TargetFramework}]")));
        Assert.All(dependencies, d => Assert.Equal(".NETCoreApp,Version=v8.0", d.TargetFramework));
        Assert.All(dependencies, d => Assert.False(
            inBox.TryGetValue(d.Name, out var theirs) && theirs >= d.Version, $"{d.Name} {d.Version} is in-box in .NET 8 as {theirs}"));
    }

    [Fact]
    public void Our_own_assemblies_are_one_netstandard2_0_build_for_both_editions()
    {
        foreach (var name in new[] { "OktaServiceApp.dll", "OktaServiceApp.Core.dll" })
        {
            var facts = AssemblyFacts.Read(Path.Combine(Support.Repository.StagedModule, name));
            Assert.Equal(".NETStandard,Version=v2.0", facts.TargetFramework);
        }
    }
}
