using System.Management.Automation;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Revokes Okta API scopes from a service app.</para>
/// <para type="description">Revoke-OktaScope deletes scope grants (DELETE /api/v1/apps/{clientId}/grants/{grantId}): either the
/// grants piped in from Get-OktaScopeGrant, or the named -Scope of -ClientId by -Issuer (the org authorization server by default; grants
/// by another authorization server are left alone). A scope that is not granted is already revoked, so it is skipped with a -Verbose
/// note rather than an error. Tokens already issued keep their scopes until they expire. It asks for
/// confirmation unless -Confirm:$false is given.</para>
/// </summary>
/// <example>
/// <code>Revoke-OktaScope -ClientId 0oa1b2c3d4 -Scope okta.users.manage</code>
/// <para>Takes one scope away from an app.</para>
/// </example>
/// <example>
/// <code>Get-OktaScopeGrant -ClientId $env:OKTA_APP_ID | Where-Object ScopeId -like '*.manage' | Revoke-OktaScope -Confirm:$false</code>
/// <para>In a runbook (connection from environment variables): removes every write scope from an app.</para>
/// </example>
[Cmdlet(VerbsSecurity.Revoke, "OktaScope", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByGrantSet)]
[OutputType(typeof(void))]
public sealed class RevokeOktaScopeCommand : ConnectedCmdlet
{
    private const string ByScopeSet = "ByScope";
    private const string ByGrantSet = "ByGrant";

    /// <summary>
    /// <para type="description">A grant from Get-OktaScopeGrant or Grant-OktaScope.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByGrantSet)]
    public OktaScopeGrant? InputObject { get; set; }

    // Not ClientCmdlet's -ClientId: it belongs to the ByScope set only; a piped grant (ByGrant) names its own app.
    /// <summary>
    /// <para type="description">The app's client id.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByScopeSet)]
    [Alias("Id", "client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";

    /// <summary>
    /// <para type="description">The scopes to revoke.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByScopeSet)]
    [AllowEmptyCollection]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[] Scope { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">The authorization server whose grants are revoked. Defaults to the org URL (the org authorization
    /// server); a grant of the same scope by another authorization server is left alone.</para>
    /// </summary>
    [Parameter(ParameterSetName = ByScopeSet)]
    public string? Issuer { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByScopeSet && ValidValues.CheckScopes(Scope, ClientId) is { } scopeError)
        {
            WriteError(scopeError);
            return;
        }

        var connection = ResolveConnection(Connection);
        if (InputObject is { } grant)
        {
            RevokeGrant(new GrantClient(connection.Client), grant);
            return;
        }

        var issuer = Issuer; // null: the engine takes the org authorization server
        var reconciler = new GrantReconciler(connection.Client);
        var clientId = ClientId;
        GrantPlan plan;
        try
        {
            plan = Run(ct => reconciler.PlanAsync(clientId, Scope, issuer, GrantMode.Revoke, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, clientId);
            return;
        }

        // ShouldProcess must run on the pipeline thread, so every revocation is asked about here, before the engine sends anything.
        var approved = new HashSet<GrantPlanItem>(plan.Changes.Where(item =>
            ShouldProcess($"app {clientId}", $"Revoke scope '{item.ScopeId}' (grant {item.Existing!.Id})")));
        var done = Run(ct => reconciler.ApplyAsync(plan, approved.Contains, ct));
        foreach (var failed in done.Results.Where(r => r.Error is not null))
        {
            if (OktaErrors.ForGrantItem(failed, clientId) is { } record)
            {
                WriteError(record);
            }
        }
    }

    private void RevokeGrant(GrantClient grants, OktaScopeGrant grant)
    {
        if (!ShouldProcess($"app {grant.ClientId}", $"Revoke scope '{grant.ScopeId}' (grant {grant.Id})"))
        {
            return;
        }

        try
        {
            WriteVerbose($"Revoking scope '{grant.ScopeId}' from {grant.ClientId} (grant {grant.Id}).");
            Run(ct => grants.RevokeAsync(grant.ClientId, grant.Id, ct));
        }
        catch (OktaApiException e) when (e.Kind == OktaErrorKind.NotFound)
        {
            WriteVerbose($"Grant {grant.Id} was already gone.");
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, $"{grant.ClientId} {grant.ScopeId}");
        }
    }
}
