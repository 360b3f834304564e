using System.Management.Automation;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Grants Okta API scopes to a service app.</para>
/// <para type="description">Grant-OktaScope grants each scope to each app it receives (POST /api/v1/apps/{clientId}/grants) and
/// outputs one OktaScopeGrant per app and scope. It is idempotent: it reads the app's grants once, passes on an already active grant
/// as it is (saying so with -Verbose), and posts only the missing scopes, so a nightly runbook can run it again and again. Apps piped
/// in are worked on several at a time, and output stays in input order. A failure for one app or scope writes an error (OktaScopeInvalid,
/// PermissionDenied, OktaInsufficientScope when an OAuth token lacks okta.appGrants.manage, or ObjectNotFound, with the client id as
/// TargetObject) and the rest go on. Only a Super Admin can grant Okta
/// API scopes. Unknown but well-formed scopes are sent as they are, since Okta adds scopes; empty ones and ones with spaces are
/// refused before any request.</para>
/// </summary>
/// <example>
/// <code>New-OktaServiceApp -Name reporting | Grant-OktaScope okta.users.read, okta.groups.read</code>
/// <para>Grants two scopes to a new app.</para>
/// </example>
/// <example>
/// <code>$env:OKTA_CLIENT_ORGURL = 'https://dev-123.okta.com'; $env:OKTA_CLIENT_TOKEN = Get-AutomationVariable -Name OktaToken
/// Import-Csv ./apps.csv | Grant-OktaScope -Scope okta.logs.read -Confirm:$false</code>
/// <para>In a runbook, with no Connect-Okta: grants a scope to every client id in a CSV with a ClientId column.</para>
/// </example>
/// <example>
/// <code>$app = New-OktaServiceApp -Name svc | Grant-OktaScope okta.users.read -PassThru</code>
/// <para>Grants a scope and passes the app on instead of the grants.</para>
/// </example>
[Cmdlet(VerbsSecurity.Grant, "OktaScope", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OktaScopeGrant), typeof(OktaServiceApp))]
public sealed class GrantOktaScopeCommand : ConnectedCmdlet
{
    /// <summary>
    /// <para type="description">The Okta scopes to grant, such as okta.users.read.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [AllowEmptyCollection]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[] Scope { get; set; } = Array.Empty<string>();

    // Not ClientCmdlet's -ClientId: -Scope holds position 0 here, so the client id is named or piped, never positional.
    /// <summary>
    /// <para type="description">The app's client id. Binds from the ClientId, Id, client_id or AppId property of piped objects.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";

    /// <summary>
    /// <para type="description">A service app from New-OktaServiceApp or Get-OktaServiceApp; passed on with -PassThru.</para>
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    public OktaServiceApp? InputObject { get; set; }

    /// <summary>
    /// <para type="description">The authorization server that honours the grant. Defaults to the org URL (the org authorization server).</para>
    /// </summary>
    [Parameter]
    public string? Issuer { get; set; }

    /// <summary>
    /// <para type="description">Outputs the piped app (or else the grants) after granting, so the pipeline can go on.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private const int ProgressId = 0x6A17;
    private int _apps;

    /// <inheritdoc />
    protected override int MaxPendingItems => 4;

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_apps > 1)
        {
            WriteProgress(new ProgressRecord(ProgressId, "Granting Okta scopes", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

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
        var clientId = ClientId;
        var app = InputObject is not null && InputObject.ClientId == clientId ? InputObject : null;
        var wanted = Scope.Distinct(StringComparer.Ordinal)
            .Where(scope => ShouldProcess($"app {clientId}", $"Grant scope '{scope}'"))
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var passThru = PassThru.IsPresent;
        if (++_apps > 1)
        {
            WriteProgress(new ProgressRecord(ProgressId, "Granting Okta scopes", $"App {_apps}: {clientId}"));
        }

        QueueItem(async (result, ct) =>
        {
            GrantReconciliation done;
            try
            {
                // Approval was asked above, per scope, before any request: -WhatIf sends nothing at all.
                done = await new GrantReconciler(connection.Client)
                    .ReconcileAsync(clientId, wanted, issuer, GrantMode.Ensure, _ => true, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The app itself is the problem (unknown, forbidden): one error for the app, not one per scope.
                ReportTo(result, e, clientId);
                return;
            }

            foreach (var item in done.Results)
            {
                if (item.Error is not null)
                {
                    if (OktaErrors.ForGrantItem(item, clientId) is { } record)
                    {
                        result.Error(record);
                    }
                }
                else if (item.Grant is not null && (!passThru || app is null))
                {
                    result.Output(new OktaScopeGrant(item.Grant));
                }
            }

            if (passThru && app is not null)
            {
                result.Output(app);
            }
        });
    }
}
