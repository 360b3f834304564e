using System.Management.Automation;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// A cmdlet about one item (a key, a role assignment) of one app. -ClientId binds by property name from piped items and apps,
/// but takes no "Id" alias: on these items Id is the item's own id, which the cmdlet may take as a parameter of its own.
/// </summary>
public abstract class AppItemCmdlet : ConnectedCmdlet
{
    /// <summary>
    /// <para type="description">The app's client id. Binds from the ClientId, client_id or AppId property of piped keys, roles and apps.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";
}
