using System.Management.Automation;
using OktaServiceApp.Core.Roles;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the admin roles assigned to a service app.</para>
/// <para type="description">Get-OktaServiceAppRole reads GET /oauth2/v1/clients/{clientId}/roles and outputs one OktaServiceAppRole per role.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting | Get-OktaServiceAppRole</code>
/// <para>Shows which roles the reporting apps have.</para>
/// </example>
/// <example>
/// <code>if (-not (Get-OktaServiceAppRole -ClientId $env:OKTA_APP_ID)) { throw 'The app has no admin role yet.' }</code>
/// <para>In a CI check (connection from environment variables): fails early when the app cannot act.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppRole")]
[OutputType(typeof(OktaServiceAppRole))]
public sealed class GetOktaServiceAppRoleCommand : OktaCmdlet
{
    /// <summary>
    /// <para type="description">The app's client id. Binds from piped apps.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";

    /// <summary>
    /// <para type="description">The connection to use; the session default when absent.</para>
    /// </summary>
    [Parameter]
    public OktaConnection? Connection { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        try
        {
            foreach (var role in Run(ct => new RoleClient(connection.Client).ListAsync(ClientId, ct)))
            {
                WriteObject(new OktaServiceAppRole(role));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
