using System.Management.Automation;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>Enable, Disable and Remove-OktaServiceAppKey: one key of one app, piped from Get-OktaServiceAppKey or named.</summary>
public abstract class AppKeyLifecycleCmdlet : AppItemCmdlet
{
    /// <summary>
    /// <para type="description">Okta's id of the key (pks...), as Get-OktaServiceAppKey shows it. Binds from piped keys.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    /// <summary>The sentence for ShouldProcess, such as "Disable key".</summary>
    private protected abstract string Action { get; }

    /// <summary>The change itself; returns the key as it is afterwards, or null when it is gone.</summary>
    private protected abstract Task<AppKey?> ApplyAsync(AppKeyClient keys, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        if (!ShouldProcess($"key {Id} of app {ClientId}", Action))
        {
            return;
        }

        try
        {
            WriteVerbose($"{Action} {Id} of app {ClientId}.");
            var keys = new AppKeyClient(connection.Client);
            var key = Run(ct => ApplyAsync(keys, ct));
            if (key is not null)
            {
                WriteObject(new OktaServiceAppKey(ClientId, key));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, Id);
        }
    }
}
