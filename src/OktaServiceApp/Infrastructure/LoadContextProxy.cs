using System.Reflection;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// A named AssemblyLoadContext built through reflection, because netstandard2.0 cannot reference the type.
/// Null on .NET Framework, where there is no isolation short of AppDomains.
/// </summary>
internal sealed class LoadContextProxy
{
    private readonly object _context;
    private readonly MethodInfo _loadFromAssemblyPath;

    private LoadContextProxy(object context, MethodInfo loadFromAssemblyPath)
    {
        _context = context;
        _loadFromAssemblyPath = loadFromAssemblyPath;
    }

    public static LoadContextProxy? TryCreate(string name)
    {
        var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
        if (type is null)
        {
            return null;
        }

        var ctor = type.GetConstructor(new[] { typeof(string), typeof(bool) });
        var load = type.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
        if (ctor is null || load is null)
        {
            return null;
        }

        return new LoadContextProxy(ctor.Invoke(new object[] { name, false }), load);
    }

    public Assembly LoadFromAssemblyPath(string path) => (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path });
}
