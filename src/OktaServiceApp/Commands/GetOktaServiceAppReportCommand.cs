using System.Management.Automation;
using OktaServiceApp.Core.Reports;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reports the security posture of every service app in the org.</para>
/// <para type="description">Get-OktaServiceAppReport walks all service apps, page by page with progress, and outputs one flat object
/// per app for Export-Csv: roles (SuperAdmin flagged), how many scopes are granted, whether DPoP is required, ACTIVE keys, keys
/// without a kid, the age of the oldest key, and the app's rate-limit share. It only reads.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceAppReport | Where-Object SuperAdmin | Format-Table Name, ClientId, ScopeCount</code>
/// <para>Lists the apps that hold SUPER_ADMIN.</para>
/// </example>
/// <example>
/// <code>Get-OktaServiceAppReport | Export-Csv "$env:TEMP/okta-service-apps.csv" -NoTypeInformation</code>
/// <para>In a weekly audit runbook: writes the posture of every service app to a CSV.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppReport")]
[OutputType(typeof(OktaServiceAppReportRow))]
public sealed class GetOktaServiceAppReportCommand : ConnectedCmdlet
{
    private const int ProgressId = 0x0C7B;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        try
        {
            Run(ct => new ServiceAppReporter(connection.Client).RunAsync((posture, count) =>
            {
                Pump.Post(() =>
                {
                    WriteProgress(new ProgressRecord(ProgressId, "Service app report", $"{count} app(s) read; last {posture.Name}"));
                    WriteObject(new OktaServiceAppReportRow(posture));
                });
                return Task.CompletedTask;
            }, ct));
            WriteProgress(new ProgressRecord(ProgressId, "Service app report", "Done") { RecordType = ProgressRecordType.Completed });
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, null);
        }
    }
}
