using System.Management.Automation;
using OktaServiceApp.Core.Roles;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Assigns an admin role to a service app.</para>
/// <para type="description">Add-OktaServiceAppRole posts {"type": role} to /oauth2/v1/clients/{clientId}/roles. A new service app has no
/// role, and Okta refuses most calls until it gets one: scopes say which actions the app may take, the role says on which resources.
/// Standard roles include READ_ONLY_ADMIN, APP_ADMIN, USER_ADMIN, GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, REPORT_ADMIN, ORG_ADMIN and
/// SUPER_ADMIN. Needs okta.roles.manage in OAuth mode.</para>
/// </summary>
/// <example>
/// <code>New-OktaServiceApp -Name reporting | Add-OktaServiceAppRole -Role READ_ONLY_ADMIN</code>
/// <para>Gives a new app read-only admin rights.</para>
/// </example>
/// <example>
/// <code>Add-OktaServiceAppRole -ClientId $env:OKTA_APP_ID -Role APP_ADMIN -Confirm:$false</code>
/// <para>In a CI job (connection from environment variables): lets the job's app manage apps.</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "OktaServiceAppRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OktaServiceAppRole))]
public sealed class AddOktaServiceAppRoleCommand : OktaCmdlet
{
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
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string Role { get; set; } = "";

    /// <summary>
    /// <para type="description">The connection to use; the session default when absent.</para>
    /// </summary>
    [Parameter]
    public OktaConnection? Connection { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
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
}
