using System.Management.Automation;
using OktaServiceApp.Core.AppKeys;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Deactivates a service app's key, so client assertions signed with it are refused.</para>
/// <para type="description">Disable-OktaServiceAppKey posts to /api/v1/apps/{clientId}/credentials/jwks/{id}/lifecycle/deactivate. Okta
/// refuses to deactivate the only active key of a private_key_jwt app. Update-OktaServiceAppKey rotates keys safely in one step.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceAppKey -ClientId 0oa1b2c3d4 | Where-Object KeyId -eq old-key | Disable-OktaServiceAppKey</code>
/// <para>Retires one key of an app, asking first.</para>
/// </example>
/// <example>
/// <code>Disable-OktaServiceAppKey -ClientId $env:OKTA_APP_ID -Id $env:OKTA_OLD_KEY_ID -Confirm:$false</code>
/// <para>In a runbook (connection from environment variables): disables a leaked key at once.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Disable, "OktaServiceAppKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(OktaServiceAppKey))]
public sealed class DisableOktaServiceAppKeyCommand : AppKeyLifecycleCmdlet
{
    private protected override string Action => "Deactivate key";

    private protected override async Task<AppKey?> ApplyAsync(AppKeyClient keys, CancellationToken cancellationToken) =>
        await keys.DeactivateAsync(ClientId, Id, cancellationToken).ConfigureAwait(false);
}
