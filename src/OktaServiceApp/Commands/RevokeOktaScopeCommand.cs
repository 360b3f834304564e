using System.Management.Automation;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Revokes Okta API scopes from a service app.</para>
/// <para type="description">Revoke-OktaScope deletes scope grants (DELETE /api/v1/apps/{clientId}/grants/{grantId}): either the
/// grants piped in from Get-OktaScopeGrant, or the named -Scope of -ClientId. A scope that is not granted is already revoked, so it is
/// skipped with a -Verbose note rather than an error. Tokens already issued keep their scopes until they expire. It asks for
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
public sealed class RevokeOktaScopeCommand : OktaCmdlet
{
    private const string ByScopeSet = "ByScope";
    private const string ByGrantSet = "ByGrant";

    /// <summary>
    /// <para type="description">A grant from Get-OktaScopeGrant or Grant-OktaScope.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByGrantSet)]
    public OktaScopeGrant? InputObject { get; set; }

    /// <summary>
    /// <para type="description">The app's client id.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByScopeSet)]
    [Alias("client_id", "AppId")]
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
    /// <para type="description">The connection to use; the session default when absent.</para>
    /// </summary>
    [Parameter]
    public OktaConnection? Connection { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByScopeSet && ValidValues.CheckScopes(Scope, ClientId) is { } scopeError)
        {
            WriteError(scopeError);
            return;
        }

        var connection = ResolveConnection(Connection);
        var grants = new GrantClient(connection.Client);
        if (InputObject is { } grant)
        {
            Revoke(grants, grant.ClientId, grant.Id, grant.ScopeId);
            return;
        }

        IReadOnlyList<ScopeGrant> existing;
        try
        {
            existing = Run(ct => grants.ListAsync(ClientId, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
            return;
        }

        foreach (var scope in Scope.Distinct(StringComparer.Ordinal))
        {
            var active = existing.Where(g => g.ScopeId == scope && g.Status == "ACTIVE").ToList();
            if (active.Count == 0)
            {
                WriteVerbose($"Scope '{scope}' is not granted to {ClientId}; nothing to revoke.");
                continue;
            }

            foreach (var match in active)
            {
                Revoke(grants, ClientId, match.Id, scope);
            }
        }
    }

    private void Revoke(GrantClient grants, string clientId, string grantId, string scope)
    {
        if (!ShouldProcess($"app {clientId}", $"Revoke scope '{scope}' (grant {grantId})"))
        {
            return;
        }

        try
        {
            WriteVerbose($"Revoking scope '{scope}' from {clientId} (grant {grantId}).");
            Run(ct => grants.RevokeAsync(clientId, grantId, ct));
        }
        catch (OktaApiException e) when (e.Kind == OktaErrorKind.NotFound)
        {
            WriteVerbose($"Grant {grantId} was already gone.");
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, $"{clientId} {scope}");
        }
    }
}
