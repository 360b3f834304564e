using System.Management.Automation;
using OktaServiceApp.Core.Apps;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Deletes a service app.</para>
/// <para type="description">Remove-OktaServiceApp deletes the app (DELETE /oauth2/v1/clients/{clientId}). Its tokens stop working and
/// it cannot be undone, so it asks for confirmation unless -Confirm:$false is given. Okta may keep scope grants keyed by
/// client id, so don't reuse a deleted app's custom client id.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name demo | Remove-OktaServiceApp</code>
/// <para>Deletes every app whose name starts with "demo", asking first for each.</para>
/// </example>
/// <example>
/// <code>Remove-OktaServiceApp -ClientId $env:OKTA_APP_ID -Confirm:$false</code>
/// <para>In a CI teardown step (connection from environment variables): deletes the job's app without asking.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "OktaServiceApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveOktaServiceAppCommand : ClientCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        if (!ShouldProcess($"app {ClientId} on {connection.OrgUrl}", "Delete service app"))
        {
            return;
        }

        try
        {
            WriteVerbose($"Deleting service app {ClientId}.");
            Run(ct => new ServiceAppClient(connection.Client).DeleteAsync(ClientId, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
