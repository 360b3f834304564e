using System.Text.Json;
using System.Text.RegularExpressions;
using OktaServiceApp.Release.Tests.Support;

namespace OktaServiceApp.Release.Tests.Payload;

/// <summary>The NuGet packages tools/Payload restored (its project.assets.json), to tell which builds a package offers.</summary>
internal sealed class PayloadPackages
{
    private static readonly Regex s_frameworkFolder = new(@"^net(?<version>4\d{1,2})$", RegexOptions.CultureInvariant);
    private readonly List<(string Path, string[] Files)> _packages;

    private PayloadPackages(List<(string Path, string[] Files)> packages) => _packages = packages;

    /// <summary>The packages NuGet resolved for one of tools/Payload's frameworks (the versions that edition ships).</summary>
    public static PayloadPackages Load(Edition edition)
    {
        var assetsPath = Repository.PathOf("tools", "Payload", "obj", "project.assets.json");
        Assert.True(File.Exists(assetsPath), $"tools/Payload is not restored: {assetsPath}");
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsPath));
        var resolved = assets.RootElement.GetProperty("targets").GetProperty(edition.PayloadFramework)
            .EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var packages = new List<(string, string[])>();
        foreach (var library in assets.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package" || !resolved.Contains(library.Name))
            {
                continue;
            }

            var files = library.Value.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray();
            packages.Add((Path.Combine(Repository.NuGetPackageRoot, library.Value.GetProperty("path").GetString()!), files));
        }

        return new PayloadPackages(packages);
    }

    /// <summary>
    /// The package's .NET Framework build of an assembly that runs on 4.7.2 (the newest lib/net4x folder at or below net472 that holds
    /// the file), or null when the package has none.
    /// </summary>
    public string? FrameworkBuildOf(string assemblyName)
    {
        var fileName = assemblyName + ".dll";
        var builds =
            from package in _packages
            from file in package.Files
            let parts = file.Split('/')
            where parts.Length == 3 && parts[0] == "lib" && string.Equals(parts[2], fileName, StringComparison.OrdinalIgnoreCase)
            let match = s_frameworkFolder.Match(parts[1])
            where match.Success
            let version = FrameworkNumber(match.Groups["version"].Value)
            where version <= 472
            orderby version descending
            select Path.Combine(package.Path, "lib", parts[1], parts[2]);
        return builds.FirstOrDefault();
    }

    // net47 is 4.7.0 and net462 is 4.6.2: pad the short form so they compare as numbers.
    private static int FrameworkNumber(string digits) => int.Parse(digits.Length == 2 ? digits + "0" : digits);
}
