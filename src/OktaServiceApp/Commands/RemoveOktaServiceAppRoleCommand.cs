using System.Management.Automation;
using OktaServiceApp.Core.Roles;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Takes an admin role away from a service app.</para>
/// <para type="description">Remove-OktaServiceAppRole sends DELETE /oauth2/v1/clients/{clientId}/roles/{id}. Pipe in roles from
/// Get-OktaServiceAppRole, or name the role with -Role.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceAppRole -ClientId 0oa1b2c3d4 | Where-Object Role -eq SUPER_ADMIN | Remove-OktaServiceAppRole</code>
/// <para>Removes an over-broad role, asking first.</para>
/// </example>
/// <example>
/// <code>Remove-OktaServiceAppRole -ClientId $env:OKTA_APP_ID -Role APP_ADMIN -Confirm:$false</code>
/// <para>In a CI teardown (connection from environment variables): removes the role the job added.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "OktaServiceAppRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByRoleSet)]
[OutputType(typeof(void))]
public sealed class RemoveOktaServiceAppRoleCommand : AppItemCmdlet
{
    private const string ByRoleSet = "ByRole";
    private const string ByIdSet = "ById";

    /// <summary>
    /// <para type="description">The role assignment id. Binds from piped roles.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    /// <summary>
    /// <para type="description">The role type to remove, such as APP_ADMIN.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ByRoleSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string Role { get; set; } = "";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        var roles = new RoleClient(connection.Client);
        try
        {
            var ids = ParameterSetName == ByIdSet
                ? new[] { (Id, Id) }
                : Run(ct => roles.ListAsync(ClientId, ct))
                    .Where(r => string.Equals(r.Type, Role, StringComparison.OrdinalIgnoreCase))
                    .Select(r => (r.Id, r.Type)).ToArray();
            if (ids.Length == 0)
            {
                WriteVerbose($"App {ClientId} has no {Role} role; nothing to remove.");
            }

            foreach (var (id, label) in ids)
            {
                if (ShouldProcess($"app {ClientId}", $"Remove role {label}"))
                {
                    Run(ct => roles.RemoveAsync(ClientId, id, ct));
                }
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
