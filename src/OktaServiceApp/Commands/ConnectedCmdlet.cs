using System.Management.Automation;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>A cmdlet that talks to an org: -Connection, declared once here for every such cmdlet.</summary>
public abstract class ConnectedCmdlet : OktaCmdlet
{
    /// <summary>
    /// <para type="description">The connection to use; the session default when absent.</para>
    /// </summary>
    [Parameter]
    public OktaConnection? Connection { get; set; }
}
