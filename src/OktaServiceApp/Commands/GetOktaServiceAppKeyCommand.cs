using System.Management.Automation;
using OktaServiceApp.Core.AppKeys;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the public keys registered for a service app.</para>
/// <para type="description">Get-OktaServiceAppKey reads GET /api/v1/apps/{clientId}/credentials/jwks and outputs one OktaServiceAppKey per
/// key, with Okta's key id (Id), the kid (KeyId) and the status. Pipe the keys to Enable-, Disable- or Remove-OktaServiceAppKey.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting | Get-OktaServiceAppKey</code>
/// <para>Shows the keys of the reporting apps.</para>
/// </example>
/// <example>
/// <code>Get-OktaServiceAppKey -ClientId $env:OKTA_APP_ID | Where-Object Status -eq ACTIVE | Measure-Object</code>
/// <para>In a CI check (connection from environment variables): counts an app's active keys.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppKey")]
[OutputType(typeof(OktaServiceAppKey))]
public sealed class GetOktaServiceAppKeyCommand : ClientCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord() =>
        WriteAll((connection, ct) => new AppKeyClient(connection.Client).ListAsync(ClientId, ct), key => new OktaServiceAppKey(ClientId, key));
}
