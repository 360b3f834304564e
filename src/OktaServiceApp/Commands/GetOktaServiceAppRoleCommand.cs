using System.Management.Automation;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the admin roles assigned to a service app.</para>
/// <para type="description">Get-OktaServiceAppRole reads GET /oauth2/v1/clients/{clientId}/roles and outputs one OktaServiceAppRole per role.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting | Get-OktaServiceAppRole</code>
/// <para>Shows which roles the reporting apps have.</para>
/// </example>
/// <example>
/// <code>if (-not (Get-OktaServiceAppRole -ClientId $env:OKTA_APP_ID)) { throw 'The app has no admin role yet.' }</code>
/// <para>In a CI check (connection from environment variables): fails early when the app cannot act.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppRole")]
[OutputType(typeof(OktaServiceAppRole))]
public sealed class GetOktaServiceAppRoleCommand : ClientCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord() =>
        WriteAll((connection, ct) => new RoleClient(connection.Client).ListAsync(ClientId, ct), role => new OktaServiceAppRole(role));
}
