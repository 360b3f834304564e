using System.Management.Automation;
using OktaServiceApp.Core.Access;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows a service app's whole access: scopes, roles, role targets and rate-limit share.</para>
/// <para type="description">Get-OktaServiceAppAccess reads the app's scope grants, its admin roles (standard and custom, with their
/// resource sets), the targets of each role and its principal rate limit, and outputs them as one object. It only reads; it needs
/// okta.appGrants.read, okta.roles.read and okta.principalRateLimits.read in OAuth mode.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting | Get-OktaServiceAppAccess | Format-List</code>
/// <para>Shows everything the reporting apps may do, and where.</para>
/// </example>
/// <example>
/// <code>$access = Get-OktaServiceAppAccess -ClientId $env:OKTA_APP_ID
/// if ($access.Role -contains 'SUPER_ADMIN') { throw 'The app holds SUPER_ADMIN.' }</code>
/// <para>In a CI check: fails when the app has more power than it should.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppAccess")]
[OutputType(typeof(OktaServiceAppAccess))]
public sealed class GetOktaServiceAppAccessCommand : ClientCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        try
        {
            WriteObject(new OktaServiceAppAccess(Run(ct => new AccessReconciler(connection.Client).ReadAsync(ClientId, ct))));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
