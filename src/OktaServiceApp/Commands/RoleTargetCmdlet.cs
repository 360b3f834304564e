using System.Management.Automation;
using OktaServiceApp.Core.Access;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>Parameters and checks shared by the role target cmdlets: which role (bound from a piped OktaServiceAppRole) and which
/// groups or apps.</summary>
public abstract class RoleTargetCmdlet : ClientCmdlet
{
    /// <summary>
    /// <para type="description">The role assignment id. Binds from the Id of a piped OktaServiceAppRole.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("RoleAssignmentId")]
    [ValidateNotNullOrEmpty]
    public string RoleId { get; set; } = "";

    /// <summary>The role assignment, read once; targets on a role type that takes none are refused before any write.</summary>
    private protected RoleAssignment FindRole(OktaConnection connection, string? kind)
    {
        var role = Run(ct => new RoleClient(connection.Client).ListAsync(ClientId, ct)).FirstOrDefault(r => r.Id == RoleId)
                   ?? throw new Core.Http.OktaApiException(Core.Http.OktaErrorKind.NotFound,
                       $"App {ClientId} has no role assignment '{RoleId}' (Get-OktaServiceAppRole lists them).");
        if (kind is not null && !RoleTarget.Takes(role.Type, kind))
        {
            throw new AccessException(AccessProblem.RoleTargetNotSupported, kind == RoleTarget.GroupKind
                ? $"A {role.Type} role takes no group targets; only USER_ADMIN, HELP_DESK_ADMIN and GROUP_MEMBERSHIP_ADMIN do."
                : $"A {role.Type} role takes no app targets; only APP_ADMIN does.");
        }

        return role;
    }

    /// <summary>"appName" or "appName/appId"; <see cref="AccessProblem.AppTargetInvalid"/> otherwise.</summary>
    private protected static (string Name, string? AppId) ParseApp(string app) =>
        RoleTarget.ParseApp(app) ?? throw new AccessException(AccessProblem.AppTargetInvalid, $"'{app}' is not an app target: use 'appName' or 'appName/appId'.");
}
