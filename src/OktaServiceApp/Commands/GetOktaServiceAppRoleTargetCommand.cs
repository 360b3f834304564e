using System.Management.Automation;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the group and app targets of a service app's standard role.</para>
/// <para type="description">Get-OktaServiceAppRoleTarget reads .../roles/{roleId}/targets/groups and .../targets/catalog/apps, as far
/// as the role's type takes them, following paging. No output means the role covers every group and app.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceAppRole -ClientId 0oa1b2c3d4 | Get-OktaServiceAppRoleTarget</code>
/// <para>Shows where each of the app's roles applies.</para>
/// </example>
/// <example>
/// <code>Get-OktaServiceAppRole -ClientId $env:OKTA_APP_ID | Get-OktaServiceAppRoleTarget | Export-Csv ./targets.csv</code>
/// <para>In an audit job: records the app's targets.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppRoleTarget")]
[OutputType(typeof(OktaServiceAppRoleTarget))]
public sealed class GetOktaServiceAppRoleTargetCommand : RoleTargetCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        try
        {
            var role = FindRole(connection, null);
            foreach (var target in Run(ct => new RoleTargetClient(connection.Client).ListAsync(ClientId, RoleId, role.Type, ct)))
            {
                WriteObject(new OktaServiceAppRoleTarget(ClientId, RoleId, target));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
