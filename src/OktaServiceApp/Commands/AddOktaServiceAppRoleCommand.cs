using System.Management.Automation;
using OktaServiceApp.Core.Iam;
using OktaServiceApp.Core.Roles;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Assigns an admin role to a service app.</para>
/// <para type="description">Add-OktaServiceAppRole posts {"type": role} to /oauth2/v1/clients/{clientId}/roles. A new service app has no
/// role, and Okta refuses most calls until it gets one: scopes say which actions the app may take, the role says on which resources.
/// Standard roles include READ_ONLY_ADMIN, APP_ADMIN, USER_ADMIN, GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, REPORT_ADMIN, ORG_ADMIN and
/// SUPER_ADMIN. -CustomRole with -ResourceSet assigns a custom role (by id or label) on a resource set (by id or label) instead:
/// {"type":"CUSTOM","role":id,"resource-set":id}. The labels are resolved first, so an unknown one sends no write. Needs
/// okta.roles.manage in OAuth mode.</para>
/// </summary>
/// <example>
/// <code>New-OktaServiceApp -Name reporting | Add-OktaServiceAppRole -Role READ_ONLY_ADMIN</code>
/// <para>Gives a new app read-only admin rights.</para>
/// </example>
/// <example>
/// <code>Add-OktaServiceAppRole -ClientId $env:OKTA_APP_ID -Role APP_ADMIN -Confirm:$false</code>
/// <para>In a CI job (connection from environment variables): lets the job's app manage apps.</para>
/// </example>
/// <example>
/// <code>Add-OktaServiceAppRole -ClientId $env:OKTA_APP_ID -CustomRole UserReader -ResourceSet SF-IT-People -Confirm:$false</code>
/// <para>Least privilege: the app may read users, and only those in the SF-IT-People resource set.</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "OktaServiceAppRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = StandardSet)]
[OutputType(typeof(OktaServiceAppRole))]
public sealed class AddOktaServiceAppRoleCommand : ConnectedCmdlet
{
    private const string StandardSet = "Standard";
    private const string CustomSet = "Custom";

    // Not ClientCmdlet's -ClientId: -Role holds position 0 here, so the client id is named or piped, never positional.
    /// <summary>
    /// <para type="description">The app's client id. Binds from piped apps.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";

    /// <summary>
    /// <para type="description">The standard admin role, such as READ_ONLY_ADMIN.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = StandardSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string Role { get; set; } = "";

    /// <summary>
    /// <para type="description">A custom role's id (cr0…) or label, assigned on -ResourceSet.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CustomSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CustomRole { get; set; } = "";

    /// <summary>
    /// <para type="description">The resource set's id (iam…) or label: the resources the custom role applies to.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CustomSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ResourceSet { get; set; } = "";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        if (ParameterSetName == CustomSet)
        {
            AssignCustom(connection);
            return;
        }

        var role = Role.Trim().ToUpperInvariant();
        if (!ShouldProcess($"app {ClientId}", $"Assign role {role}"))
        {
            return;
        }

        try
        {
            WriteVerbose($"Assigning role {role} to app {ClientId}.");
            WriteObject(new OktaServiceAppRole(Run(ct => new RoleClient(connection.Client).AssignAsync(ClientId, role, ct))));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }

    private void AssignCustom(OktaConnection connection)
    {
        try
        {
            var iam = new IamClient(connection.Client);
            var role = Run(ct => iam.ResolveCustomRoleAsync(CustomRole, ct));
            var set = Run(ct => iam.ResolveResourceSetAsync(ResourceSet, ct));
            if (ShouldProcess($"app {ClientId}", $"Assign custom role {role} on resource set {set}"))
            {
                WriteObject(new OktaServiceAppRole(Run(ct => new CustomRoleClient(connection.Client).AssignAsync(ClientId, role.Id, set.Id, ct))));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
