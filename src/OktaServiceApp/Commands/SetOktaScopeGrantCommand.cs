using System.Management.Automation;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes an app's granted scopes exactly the given set.</para>
/// <para type="description">Set-OktaScopeGrant is desired state for scope grants: it reads the app's grants, grants the missing scopes and
/// revokes the extra ones, then outputs the app's grants for the given scopes. Only grants by the issuer count: a grant of the same
/// scope by another authorization server is neither taken as right nor revoked. When nothing differs it changes nothing, so a runbook
/// can run it every night. -WhatIf prints the difference without changing anything.</para>
/// </summary>
/// <example>
/// <code>Set-OktaScopeGrant -ClientId 0oa1b2c3d4 -Scope okta.users.read, okta.groups.read -WhatIf</code>
/// <para>Shows which scopes would be granted and revoked.</para>
/// </example>
/// <example>
/// <code>$env:OKTA_CLIENT_ORGURL = 'https://dev-123.okta.com'; $env:OKTA_CLIENT_TOKEN = Get-AutomationVariable -Name OktaToken
/// Import-Csv ./desired-grants.csv | ForEach-Object { Set-OktaScopeGrant -ClientId $_.ClientId -Scope ($_.Scopes -split ' ') -Confirm:$false }</code>
/// <para>In a nightly runbook, with no Connect-Okta: enforces each app's scopes from a file.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OktaScopeGrant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OktaScopeGrant))]
public sealed class SetOktaScopeGrantCommand : ClientCmdlet
{
    /// <summary>
    /// <para type="description">The complete set of scopes the app should have.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 1)]
    [AllowEmptyCollection]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[] Scope { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">The authorization server of the grants. Defaults to the org URL.</para>
    /// </summary>
    [Parameter]
    public string? Issuer { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ValidValues.CheckScopes(Scope, ClientId) is { } scopeError)
        {
            WriteError(scopeError);
            return;
        }

        var connection = ResolveConnection(Connection);
        var issuer = Issuer; // null: the engine takes the org authorization server
        var reconciler = new GrantReconciler(connection.Client);
        var clientId = ClientId;
        GrantPlan plan;
        try
        {
            plan = Run(ct => reconciler.PlanAsync(clientId, Scope, issuer, GrantMode.Exactly, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, clientId);
            return;
        }

        // ShouldProcess must run on the pipeline thread, so every change is asked about here, before the engine sends anything.
        var approved = new HashSet<GrantPlanItem>(plan.Changes.Where(item => ShouldProcess($"app {clientId}", Describe(item))));
        var done = Run(ct => reconciler.ApplyAsync(plan, approved.Contains, ct));
        foreach (var failed in done.Results.Where(r => r.Error is not null))
        {
            if (OktaErrors.ForGrantItem(failed, clientId) is { } record)
            {
                WriteError(record);
            }
        }

        foreach (var grant in done.Held.OrderBy(g => g.ScopeId, StringComparer.Ordinal))
        {
            WriteObject(new OktaScopeGrant(grant));
        }
    }

    private static string Describe(GrantPlanItem item) => item.Action == GrantAction.Grant
        ? $"Grant scope '{item.ScopeId}'"
        : $"Revoke scope '{item.ScopeId}' (grant {item.Existing!.Id})";
}
