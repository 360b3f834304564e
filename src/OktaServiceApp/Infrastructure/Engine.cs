using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Sharing;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// The module's one engine per process. Okta limits per org, so every runspace (ForEach-Object -Parallel, jobs in-process)
/// paces, caches tokens and learns DPoP nonces through this one registry; connections themselves stay per runspace.
/// </summary>
internal static class Engine
{
    public static OktaRegistry Registry { get; } = new();

    public static ConnectionBuilder Connections { get; } = new(Registry, SettingsLoader.LoadFromProcess);
}
