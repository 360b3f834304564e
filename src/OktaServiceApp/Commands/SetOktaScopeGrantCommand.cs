using System.Management.Automation;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes an app's granted scopes exactly the given set.</para>
/// <para type="description">Set-OktaScopeGrant is desired state for scope grants: it reads the app's grants, grants the missing scopes and
/// revokes the extra ones, then outputs the app's grants for the given scopes. When nothing differs it changes nothing, so a runbook
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
public sealed class SetOktaScopeGrantCommand : OktaCmdlet
{
    /// <summary>
    /// <para type="description">The app's client id. Binds from piped apps.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";

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

    /// <summary>
    /// <para type="description">The connection to use; the session default when absent.</para>
    /// </summary>
    [Parameter]
    public OktaConnection? Connection { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ValidValues.CheckScopes(Scope, ClientId) is { } scopeError)
        {
            WriteError(scopeError);
            return;
        }

        var connection = ResolveConnection(Connection);
        var issuer = string.IsNullOrEmpty(Issuer) ? connection.OrgUrl : Issuer!.TrimEnd('/');
        var grants = new GrantClient(connection.Client);
        try
        {
            var existing = Run(ct => grants.ListAsync(ClientId, ct)).Where(g => g.Status == "ACTIVE").ToList();
            var desired = new HashSet<string>(Scope, StringComparer.Ordinal);
            var result = existing.Where(g => desired.Contains(g.ScopeId)).ToList();
            var missing = desired.Where(s => existing.All(g => g.ScopeId != s)).OrderBy(s => s, StringComparer.Ordinal).ToList();
            var extra = existing.Where(g => !desired.Contains(g.ScopeId)).ToList();
            WriteVerbose($"App {ClientId}: {missing.Count} scope(s) to grant, {extra.Count} to revoke, {result.Count} already right.");

            foreach (var scope in missing)
            {
                if (ShouldProcess($"app {ClientId}", $"Grant scope '{scope}'"))
                {
                    result.Add(Run(ct => grants.GrantAsync(ClientId, scope, issuer, ct)));
                }
            }

            foreach (var grant in extra)
            {
                if (ShouldProcess($"app {ClientId}", $"Revoke scope '{grant.ScopeId}' (grant {grant.Id})"))
                {
                    Run(ct => grants.RevokeAsync(ClientId, grant.Id, ct));
                }
            }

            foreach (var grant in result.OrderBy(g => g.ScopeId, StringComparer.Ordinal))
            {
                WriteObject(new OktaScopeGrant(grant));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
