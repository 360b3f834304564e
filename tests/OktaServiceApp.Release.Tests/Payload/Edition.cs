using OktaServiceApp.Release.Tests.Support;

namespace OktaServiceApp.Release.Tests.Payload;

/// <summary>
/// One PowerShell edition as the payload sees it: the folder the module initializer serves it from, the assemblies its runtime has
/// in-box, and the framework folder tools/Payload resolved its packages for.
/// </summary>
internal sealed class Edition
{
    private Edition(string name, string payloadFramework, IReadOnlyList<string> inBoxFolders)
    {
        Name = name;
        PayloadFramework = payloadFramework;
        InBoxFolders = inBoxFolders;
    }

    public string Name { get; }

    /// <summary>The target framework key of tools/Payload's assets file for this edition.</summary>
    public string PayloadFramework { get; }

    public IReadOnlyList<string> InBoxFolders { get; }

    public string DependencyFolder => Path.Combine(Repository.StagedModule, "Dependencies", Name);

    /// <summary>Windows PowerShell 5.1 on .NET Framework 4.7.2, the manifest's DotNetFrameworkVersion.</summary>
    public static Edition Desktop { get; } = new(
        "Desktop",
        "net472",
        new[]
        {
            Path.Combine(Repository.NuGetPackageRoot, "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2"),
            Path.Combine(Repository.NuGetPackageRoot, "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2", "Facades"),
        });

    /// <summary>PowerShell 7.4 LTS on .NET 8, the lowest PowerShell 7 we support.</summary>
    public static Edition Core { get; } = new(
        "Core",
        "net8.0",
        new[] { Path.Combine(Repository.NuGetPackageRoot, "microsoft.netcore.app.ref", Repository.LowestCoreRuntime, "ref", "net8.0") });

    public static Edition Named(string name) => name == Desktop.Name ? Desktop : name == Core.Name ? Core : throw new ArgumentException(name);

    /// <summary>Name to version of every assembly the runtime has in-box.</summary>
    public IReadOnlyDictionary<string, Version> InBox()
    {
        var map = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in InBoxFolders)
        {
            Assert.True(Directory.Exists(folder), $"The {Name} in-box set is not restored: {folder}");
            foreach (var file in Directory.GetFiles(folder, "*.dll").Where(AssemblyFacts.IsAssembly))
            {
                var facts = AssemblyFacts.Read(file);
                map[facts.Name] = facts.Version;
            }
        }

        return map;
    }

    /// <summary>Our two assemblies (shared by both editions) and this edition's dependencies, as staged.</summary>
    public IReadOnlyList<AssemblyFacts> Shipped()
    {
        Assert.True(Directory.Exists(DependencyFolder), $"No staged payload at {DependencyFolder}; run: dotnet pwsh ./build.ps1");
        return Dependencies()
            .Concat(new[] { "OktaServiceApp.dll", "OktaServiceApp.Core.dll" }.Select(n => AssemblyFacts.Read(Path.Combine(Repository.StagedModule, n))))
            .ToList();
    }

    public IReadOnlyList<AssemblyFacts> Dependencies() =>
        Directory.GetFiles(DependencyFolder, "*.dll").OrderBy(f => f, StringComparer.Ordinal).Select(AssemblyFacts.Read).ToList();
}
