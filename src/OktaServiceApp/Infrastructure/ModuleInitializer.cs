using System.Collections.Concurrent;
using System.Management.Automation;
using System.Reflection;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// Serves the module's own dependencies from Dependencies/ into a private load context, so that Az or Microsoft.Graph,
/// which load other versions of Microsoft.IdentityModel, can share the session (style-anchors §2).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly Assembly s_moduleAssembly = typeof(ModuleInitializer).Assembly;
    private static readonly string s_dependencyFolder =
        Path.Combine(Path.GetDirectoryName(s_moduleAssembly.Location) ?? ".", "Dependencies");
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

    // Serve only requests from this module or from its dependencies (IdentityModel asks for its own siblings),
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
        return !string.IsNullOrEmpty(location) &&
               string.Equals(Path.GetDirectoryName(location), s_dependencyFolder, StringComparison.OrdinalIgnoreCase);
    }

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
