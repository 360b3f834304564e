using System.Management.Automation;
using OktaServiceApp.Core.AppKeys;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Deletes an inactive key of a service app.</para>
/// <para type="description">Remove-OktaServiceAppKey sends DELETE /api/v1/apps/{clientId}/credentials/jwks/{id}. Okta deletes only an
/// inactive key: disable it first (Disable-OktaServiceAppKey), or rotate with Update-OktaServiceAppKey -RemoveOld.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceAppKey -ClientId 0oa1b2c3d4 | Where-Object Status -eq INACTIVE | Remove-OktaServiceAppKey</code>
/// <para>Deletes an app's inactive keys, asking first for each.</para>
/// </example>
/// <example>
/// <code>Remove-OktaServiceAppKey -ClientId $env:OKTA_APP_ID -Id $env:OKTA_OLD_KEY_ID -Confirm:$false</code>
/// <para>In a CI job (connection from environment variables): deletes a retired key.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "OktaServiceAppKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveOktaServiceAppKeyCommand : AppKeyLifecycleCmdlet
{
    private protected override string Action => "Delete key";

    private protected override async Task<AppKey?> ApplyAsync(AppKeyClient keys, CancellationToken cancellationToken)
    {
        await keys.DeleteAsync(ClientId, Id, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
