using System.Management.Automation;
using OktaServiceApp.Core.Grants;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the Okta API scopes granted to a service app.</para>
/// <para type="description">Get-OktaScopeGrant reads GET /api/v1/apps/{clientId}/grants, following paging, and outputs one
/// OktaScopeGrant per grant. It binds ClientId by property name, so apps and grants can be piped in.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting | Get-OktaScopeGrant</code>
/// <para>Shows what the reporting apps may do.</para>
/// </example>
/// <example>
/// <code>Get-OktaScopeGrant -ClientId $env:OKTA_APP_ID | Where-Object Status -eq ACTIVE | Select-Object -ExpandProperty ScopeId</code>
/// <para>In a CI job (connection from environment variables): lists the active scopes of one app.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaScopeGrant")]
[OutputType(typeof(OktaScopeGrant))]
public sealed class GetOktaScopeGrantCommand : ClientCmdlet
{
    /// <inheritdoc />
    protected override int MaxPendingItems => 4;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        var clientId = ClientId;
        QueueItem(async (result, ct) =>
        {
            try
            {
                var grants = await new GrantClient(connection.Client).ListAsync(clientId, ct).ConfigureAwait(false);
                foreach (var grant in grants)
                {
                    result.Output(new OktaScopeGrant(grant));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReportTo(result, e, clientId);
            }
        });
    }
}
