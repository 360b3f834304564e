using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using OktaServiceApp.Core.Connections;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// The default connection of each runspace. Keyed by runspace, not process, so that parallel runspaces
/// (ForEach-Object -Parallel, hosted tests) never see each other's connection; what they must share is in <see cref="Engine"/>.
/// </summary>
internal static class OktaSession
{
    private static readonly ConditionalWeakTable<object, Holder> s_byRunspace = new();
    private static readonly object s_noRunspace = new();

    public static OktaConnection? Current
    {
        get => Slot().Connection;
        // The old connection is not disposed: a script may still hold it and pass it to -Connection.
        set => Slot().Connection = value;
    }

    /// <summary>The connection built from environment variables or okta.yaml, reused while those settings stay the same.</summary>
    public static AmbientConnection Ambient => Slot().Ambient;

    /// <summary>Forgets the ambient connection too (Disconnect-Okta).</summary>
    public static void Reset()
    {
        var slot = Slot();
        slot.Connection = null;
        slot.Ambient = new AmbientConnection();
    }

    private static Holder Slot() => s_byRunspace.GetValue(Runspace.DefaultRunspace ?? s_noRunspace, _ => new Holder());

    private sealed class Holder
    {
        public OktaConnection? Connection;
        public AmbientConnection Ambient = new();
    }
}
