using System.Management.Automation;
using OktaServiceApp.Core.Access;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes a service app's whole access exactly what is given: scopes, roles, targets, rate-limit share.</para>
/// <para type="description">Set-OktaServiceAppAccess is desired state for least privilege. It reads the app's access, works out every
/// difference, checks all of it (custom role and resource set labels, groups, which roles take targets, the percentage) and only then
/// writes, one change at a time, each under -WhatIf/-Confirm. A parameter left out is left alone; a parameter given is the whole set:
/// -Scope is every scope, -Role with -CustomRole is every role, -GroupTarget and -AppTarget are every target of the roles that take
/// them (an empty list makes the roles cover everything again). When nothing differs it sends no write, so a runbook can run it
/// every night. It outputs the app's access afterwards.</para>
/// </summary>
/// <example>
/// <code>Set-OktaServiceAppAccess -ClientId 0oa1b2c3d4 -Scope okta.users.read, okta.groups.read -Role GROUP_MEMBERSHIP_ADMIN -GroupTarget 00g1emaKYZTWRYYRRTSK -RateLimitPercent 30 -WhatIf</code>
/// <para>Shows each change that would be made, and makes none.</para>
/// </example>
/// <example>
/// <code>Set-OktaServiceAppAccess -ClientId $env:OKTA_APP_ID -Scope okta.users.read -CustomRole UserReader -ResourceSet SF-IT-People -RateLimitPercent 25 -Confirm:$false</code>
/// <para>In a nightly runbook: keeps the app on a custom role over one resource set and a quarter of the org's rate limits.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OktaServiceAppAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OktaServiceAppAccess))]
public sealed class SetOktaServiceAppAccessCommand : ClientCmdlet
{
    /// <summary>
    /// <para type="description">Every scope the app should have; others are revoked.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[]? Scope { get; set; }

    /// <summary>
    /// <para type="description">Every standard admin role the app should have, such as READ_ONLY_ADMIN; with -CustomRole, all of its roles.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string[]? Role { get; set; }

    /// <summary>
    /// <para type="description">A custom role's id or label, assigned on -ResourceSet.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? CustomRole { get; set; }

    /// <summary>
    /// <para type="description">The resource set's id or label the custom role applies to.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ResourceSet { get; set; }

    /// <summary>
    /// <para type="description">Group ids that USER_ADMIN, HELP_DESK_ADMIN or GROUP_MEMBERSHIP_ADMIN are narrowed to.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    public string[]? GroupTarget { get; set; }

    /// <summary>
    /// <para type="description">Apps that APP_ADMIN is narrowed to: an OIN app name (every instance) or name/appId (one instance).</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    public string[]? AppTarget { get; set; }

    /// <summary>
    /// <para type="description">The app's share of the org's rate limits, 0 to 100 percent, so one runbook cannot starve the rest.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? RateLimitPercent { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Scope is not null && ValidValues.CheckScopes(Scope, ClientId) is { } scopeError)
        {
            WriteError(scopeError);
            return;
        }

        var connection = ResolveConnection(Connection);
        var reconciler = new AccessReconciler(connection.Client);
        try
        {
            var desired = new DesiredAccess
            {
                ClientId = ClientId, Issuer = connection.OrgUrl, Scopes = Scope, Roles = Role, CustomRole = CustomRole,
                ResourceSet = ResourceSet, GroupTargets = GroupTarget, AppTargets = AppTarget, RateLimitPercent = RateLimitPercent,
            };
            var current = Run(ct => reconciler.ReadAsync(ClientId, ct));
            var plan = Run(ct => reconciler.PlanAsync(desired, current, ct));
            WriteVerbose(plan.Count == 0 ? $"App {ClientId}: the access is already as desired." : $"App {ClientId}: {plan.Count} change(s) to make.");
            var applied = 0;
            foreach (var change in plan)
            {
                if (ShouldProcess($"app {ClientId}", change.Action))
                {
                    Run(change.ApplyAsync);
                    applied++;
                }
            }

            WriteObject(new OktaServiceAppAccess(applied == 0 ? current : Run(ct => reconciler.ReadAsync(ClientId, ct))));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
