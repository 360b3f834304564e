using System.Management.Automation;
using OktaServiceApp.Core.Iam;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Narrows a service app's standard role to some groups or apps.</para>
/// <para type="description">Add-OktaServiceAppRoleTarget puts group targets on a USER_ADMIN, HELP_DESK_ADMIN or GROUP_MEMBERSHIP_ADMIN
/// role, or app targets on an APP_ADMIN role (PUT .../roles/{roleId}/targets/groups/{groupId} or .../targets/catalog/apps/{appName}[/{appId}]).
/// A role without targets covers every group or app; its first target narrows it to that target. Groups are checked first, so an
/// unknown one sends no write. Needs okta.roles.manage in OAuth mode.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceAppRole -ClientId 0oa1b2c3d4 | Where-Object Role -eq GROUP_MEMBERSHIP_ADMIN | Add-OktaServiceAppRoleTarget -Group 00g1emaKYZTWRYYRRTSK</code>
/// <para>The app may manage the members of one group only.</para>
/// </example>
/// <example>
/// <code>Add-OktaServiceAppRoleTarget -ClientId $env:OKTA_APP_ID -RoleId $env:OKTA_APP_ROLE_ID -App salesforce -Confirm:$false</code>
/// <para>In a pipeline: the job's APP_ADMIN role covers only the Salesforce apps.</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "OktaServiceAppRoleTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = GroupSet)]
[OutputType(typeof(OktaServiceAppRoleTarget))]
public sealed class AddOktaServiceAppRoleTargetCommand : RoleTargetCmdlet
{
    private const string GroupSet = "Group";
    private const string AppSet = "App";

    /// <summary>
    /// <para type="description">Group ids to add as targets.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    public string[] Group { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Apps to add as targets: an OIN app name (every instance) or name/appId (one instance).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = AppSet)]
    public string[] App { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        var targets = new RoleTargetClient(connection.Client);
        try
        {
            var kind = ParameterSetName == GroupSet ? RoleTarget.GroupKind : RoleTarget.AppKind;
            FindRole(connection, kind);
            if (kind == RoleTarget.GroupKind)
            {
                var iam = new IamClient(connection.Client);
                var names = Group.Select(g => (Id: g, Name: Run(ct => iam.ResolveGroupAsync(g, ct)))).ToList();
                foreach (var (id, name) in names.Where(g => ShouldProcess($"role {RoleId} of app {ClientId}", $"Add group target {g.Id} ({g.Name})")))
                {
                    Run(ct => targets.AddGroupAsync(ClientId, RoleId, id, ct));
                    WriteObject(new OktaServiceAppRoleTarget(ClientId, RoleId, new RoleTarget { Kind = kind, Target = id, Name = name }));
                }

                return;
            }

            var apps = App.Select(a => (Text: a.Trim(), Parsed: ParseApp(a))).ToList();
            foreach (var (text, (name, appId)) in apps.Where(a => ShouldProcess($"role {RoleId} of app {ClientId}", $"Add app target {a.Text}")))
            {
                Run(ct => targets.AddAppAsync(ClientId, RoleId, name, appId, ct));
                WriteObject(new OktaServiceAppRoleTarget(ClientId, RoleId, new RoleTarget { Kind = kind, Target = text }));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
