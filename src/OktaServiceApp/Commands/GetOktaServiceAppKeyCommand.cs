using System.Management.Automation;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the public keys registered for a service app.</para>
/// <para type="description">Get-OktaServiceAppKey reads GET /api/v1/apps/{clientId}/credentials/jwks and outputs one OktaServiceAppKey per
/// key, with Okta's key id (Id), the kid (KeyId) and the status. Pipe the keys to Enable-, Disable- or Remove-OktaServiceAppKey.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting | Get-OktaServiceAppKey</code>
/// <para>Shows the keys of the reporting apps.</para>
/// </example>
/// <example>
/// <code>Get-OktaServiceAppKey -ClientId $env:OKTA_APP_ID | Where-Object Status -eq ACTIVE | Measure-Object</code>
/// <para>In a CI check (connection from environment variables): counts an app's active keys.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppKey")]
[OutputType(typeof(OktaServiceAppKey))]
public sealed class GetOktaServiceAppKeyCommand : OktaCmdlet
{
    /// <summary>
    /// <para type="description">The app's client id. Binds from piped apps.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("client_id", "AppId")]
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
            foreach (var key in Run(ct => new AppKeyClient(connection.Client).ListAsync(ClientId, ct)))
            {
                WriteObject(new OktaServiceAppKey(ClientId, key));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
