using System.Management.Automation;
using OktaServiceApp.Core.AppKeys;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Activates a service app's key, so client assertions signed with it are accepted.</para>
/// <para type="description">Enable-OktaServiceAppKey posts to /api/v1/apps/{clientId}/credentials/jwks/{id}/lifecycle/activate and outputs
/// the key as it is afterwards.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceAppKey -ClientId 0oa1b2c3d4 | Where-Object Status -eq INACTIVE | Enable-OktaServiceAppKey</code>
/// <para>Activates an app's inactive keys, asking first.</para>
/// </example>
/// <example>
/// <code>Enable-OktaServiceAppKey -ClientId $env:OKTA_APP_ID -Id $env:OKTA_KEY_ID -Confirm:$false</code>
/// <para>In a runbook (connection from environment variables): rolls back to a known key.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Enable, "OktaServiceAppKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OktaServiceAppKey))]
public sealed class EnableOktaServiceAppKeyCommand : AppKeyLifecycleCmdlet
{
    private protected override string Action => "Activate key";

    private protected override async Task<AppKey?> ApplyAsync(AppKeyClient keys, CancellationToken cancellationToken) =>
        await keys.ActivateAsync(ClientId, Id, cancellationToken).ConfigureAwait(false);
}
