using System.Management.Automation;
using OktaServiceApp.Core.Apps;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Finds service apps.</para>
/// <para type="description">Get-OktaServiceApp returns one app by client id (GET /oauth2/v1/clients/{clientId}), or lists the org's
/// service apps (GET /oauth2/v1/clients), following paging, optionally only those whose name starts with -Name. Apps are written as
/// they arrive and pipe into Grant-OktaScope, Get-OktaScopeGrant, Set-OktaScopeGrant and Remove-OktaServiceApp. Apps read from Okta
/// carry no private key.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting</code>
/// <para>Lists the service apps whose name starts with "reporting".</para>
/// </example>
/// <example>
/// <code>Get-OktaServiceApp -ClientId $env:OKTA_APP_ID | Get-OktaScopeGrant</code>
/// <para>In a CI job (connection from environment variables): shows one app's grants.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceApp", DefaultParameterSetName = ListSet)]
[OutputType(typeof(OktaServiceApp))]
public sealed class GetOktaServiceAppCommand : ConnectedCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ByClientId";

    // Not ClientCmdlet's -ClientId: it belongs to the ByClientId set only; the List set has none.
    /// <summary>
    /// <para type="description">The client id of one app.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "client_id", "AppId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = "";

    /// <summary>
    /// <para type="description">Lists only apps whose name starts with this text (Okta's q search).</para>
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    public string? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        var apps = new ServiceAppClient(connection.Client);
        try
        {
            if (ParameterSetName == ByIdSet)
            {
                var app = Run(ct => apps.GetAsync(ClientId, ct));
                Emit(app, connection);
                return;
            }

            var count = 0;
            WriteVerbose(Name is null ? "Listing service apps." : $"Listing service apps whose name starts with '{Name}'.");
            Run(ct => apps.ListAsync(Name, app =>
            {
                Pump.Post(() =>
                {
                    count++;
                    WriteProgress(new ProgressRecord(0x0A11, "Listing Okta service apps", $"{count} found"));
                    Emit(app, connection);
                });
                return Task.CompletedTask;
            }, ct));
            WriteProgress(new ProgressRecord(0x0A11, "Listing Okta service apps", "Done") { RecordType = ProgressRecordType.Completed });
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ParameterSetName == ByIdSet ? ClientId : Name);
        }
    }

    private void Emit(ServiceApp app, OktaConnection connection)
    {
        ClientIdCompleter.Remember(app.ClientId, app.Name);
        WriteObject(new OktaServiceApp(app, connection.Client.OrgUrl, null));
    }
}
