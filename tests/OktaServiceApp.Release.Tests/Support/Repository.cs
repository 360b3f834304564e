using System.Reflection;

namespace OktaServiceApp.Release.Tests.Support;

/// <summary>Where the repository, the staged module and the NuGet cache are, for tests that read files rather than types.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string StagedModule => Path.Combine(Root, "out", "OktaServiceApp");

    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot");

    public static string LowestCoreRuntime => Metadata("LowestCoreRuntime");

    public static string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key}.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OktaServiceApp.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No OktaServiceApp.PowerShell.sln above " + AppContext.BaseDirectory);
    }
}
