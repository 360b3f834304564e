using System.Collections.Concurrent;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// Serves the module's third-party dependencies from Dependencies/ into a private load context, so that Az or Microsoft.Graph,
/// which load other versions of Microsoft.IdentityModel, can share the session (style-anchors §2). Each edition has its own folder:
/// Dependencies/Desktop holds the packages' .NET Framework builds, Dependencies/Core their net8.0 builds minus what .NET 8 has in-box.
/// OktaServiceApp.Core sits next to this dll instead: the output types hold engine objects in fields, and the type loader needs the
/// engine assembly before OnImport could hook anything. Core's name is ours alone, so it cannot conflict.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly Assembly s_moduleAssembly = typeof(ModuleInitializer).Assembly;
    private static readonly string s_moduleFolder = Path.GetDirectoryName(s_moduleAssembly.Location) ?? ".";
    private static readonly string s_dependencyFolder = Path.Combine(s_moduleFolder, "Dependencies", EditionFolder());
    private static readonly Lazy<Dictionary<string, string>> s_dependencies = new(FindDependencies);
    private static readonly ConcurrentDictionary<string, Assembly> s_loaded = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<LoadContextProxy?> s_context = new(() => LoadContextProxy.TryCreate("OktaServiceApp"));
    private static readonly object s_gate = new();

    /// <inheritdoc />
    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (name is null || !s_dependencies.Value.TryGetValue(name, out var path) || !IsOurs(args.RequestingAssembly))
        {
            return null;
        }

        if (s_loaded.TryGetValue(name, out var loaded))
        {
            return loaded;
        }

        lock (s_gate)
        {
            if (s_loaded.TryGetValue(name, out loaded))
            {
                return loaded;
            }

            // On .NET Framework, LoadFrom is what powershell.exe itself would do; on Core it would land in the default context.
            var context = s_context.Value;
            loaded = context is null ? Assembly.LoadFrom(path) : context.LoadFromAssemblyPath(path);
            s_loaded[name] = loaded;
            return loaded;
        }
    }

    // Serve only requests from this module, its engine, or its dependencies (IdentityModel asks for its own siblings),
    // so another module's identically named assembly is never hijacked.
    private static bool IsOurs(Assembly? requester)
    {
        if (requester is null)
        {
            return true;
        }

        if (requester == s_moduleAssembly)
        {
            return true;
        }

        var location = requester.IsDynamic ? null : requester.Location;
        var folder = string.IsNullOrEmpty(location) ? null : Path.GetDirectoryName(location);
        return string.Equals(folder, s_dependencyFolder, StringComparison.OrdinalIgnoreCase) ||
               string.Equals(folder, s_moduleFolder, StringComparison.OrdinalIgnoreCase);
    }

    // PowerShell's own rule for $PSEdition: Desktop is .NET Framework, Core is everything else.
    private static string EditionFolder() =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase) ? "Desktop" : "Core";

    private static Dictionary<string, string> FindDependencies()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(s_dependencyFolder))
        {
            return map;
        }

        foreach (var file in Directory.GetFiles(s_dependencyFolder, "*.dll"))
        {
            map[Path.GetFileNameWithoutExtension(file)] = file;
        }

        return map;
    }
}
