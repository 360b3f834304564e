using System.Management.Automation;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes group or app targets from a service app's standard role.</para>
/// <para type="description">Remove-OktaServiceAppRoleTarget deletes targets from the role. Okta keeps a role's last target: to make the
/// role cover everything again, remove the role and assign it afresh (Set-OktaServiceAppAccess -GroupTarget @() does both). Needs
/// okta.roles.manage in OAuth mode.</para>
/// </summary>
/// <example>
/// <code>Remove-OktaServiceAppRoleTarget -ClientId 0oa1b2c3d4 -RoleId JBCUYUC7IRCVGS27IFCE2SKO -Group 00g1emaKYZTWRYYRRTSK</code>
/// <para>Takes one group away from the role.</para>
/// </example>
/// <example>
/// <code>Remove-OktaServiceAppRoleTarget -ClientId $env:OKTA_APP_ID -RoleId $env:OKTA_APP_ROLE_ID -App salesforce -Confirm:$false</code>
/// <para>In a pipeline: the APP_ADMIN role no longer covers Salesforce apps.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "OktaServiceAppRoleTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = GroupSet)]
public sealed class RemoveOktaServiceAppRoleTargetCommand : RoleTargetCmdlet
{
    private const string GroupSet = "Group";
    private const string AppSet = "App";

    /// <summary>
    /// <para type="description">Group ids to remove.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    public string[] Group { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Apps to remove: an OIN app name or name/appId.</para>
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
            if (ParameterSetName == GroupSet)
            {
                foreach (var group in Group.Where(g => ShouldProcess($"role {RoleId} of app {ClientId}", $"Remove group target {g}")))
                {
                    Run(ct => targets.RemoveGroupAsync(ClientId, RoleId, group, ct));
                }

                return;
            }

            var apps = App.Select(a => (Text: a.Trim(), Parsed: ParseApp(a))).ToList();
            foreach (var (_, (name, appId)) in apps.Where(a => ShouldProcess($"role {RoleId} of app {ClientId}", $"Remove app target {a.Text}")))
            {
                Run(ct => targets.RemoveAppAsync(ClientId, RoleId, name, appId, ct));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
