using System.Management.Automation;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// A cmdlet about one app at a time: -ClientId bound from piped apps, grants, keys, roles, CSV rows or plain strings,
/// and -Connection.
/// </summary>
public abstract class ClientCmdlet : ConnectedCmdlet
{
    /// <summary>
    /// <para type="description">The app's client id. Binds from the ClientId, Id, client_id or AppId property of piped objects, or a plain string.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";

    /// <summary>Reads a list for this client and writes each item; a failure is one error with the client id as target.</summary>
    private protected void WriteAll<T>(Func<OktaConnection, CancellationToken, Task<IReadOnlyList<T>>> read, Func<T, object> toOutput)
    {
        var connection = ResolveConnection(Connection);
        try
        {
            foreach (var item in Run(ct => read(connection, ct)))
            {
                WriteObject(toOutput(item));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
