using System.Management.Automation;
using OktaServiceApp.Core.RateLimits;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Sets a service app's share of the org's rate limits.</para>
/// <para type="description">Set-OktaServiceAppRateLimit gives the app -Percent of each of the org's rate and concurrency limits, so
/// one runbook cannot starve the org's other integrations. It creates the app's principal rate limit, or replaces the one there is,
/// and sends nothing when the share is already right. A percent outside 0 to 100 is refused before anything is sent. Needs
/// okta.principalRateLimits.manage in OAuth mode.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name bulk-import | Set-OktaServiceAppRateLimit -Percent 30</code>
/// <para>Caps the bulk import apps at 30% of each limit.</para>
/// </example>
/// <example>
/// <code>Set-OktaServiceAppRateLimit -ClientId $env:OKTA_APP_ID -Percent 20 -Confirm:$false</code>
/// <para>In a deployment pipeline: keeps the job's app at a fifth of the org's limits.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OktaServiceAppRateLimit", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OktaServiceAppRateLimit))]
public sealed class SetOktaServiceAppRateLimitCommand : ClientCmdlet
{
    /// <summary>
    /// <para type="description">The percentage of each rate and concurrency limit the app may use, 0 to 100.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public int Percent { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            PrincipalRateLimitClient.CheckPercent(Percent);
            var connection = ResolveConnection(Connection);
            var client = new PrincipalRateLimitClient(connection.Client);
            var current = Run(ct => client.FindAsync(ClientId, ct));
            if (current is not null && current.Percent == Percent && current.ConcurrencyPercent == Percent)
            {
                WriteVerbose($"App {ClientId} already has {Percent}% of the org's rate limits.");
                WriteObject(new OktaServiceAppRateLimit(ClientId, current));
                return;
            }

            if (ShouldProcess($"app {ClientId}", $"Set the rate-limit share to {Percent}%"))
            {
                WriteObject(new OktaServiceAppRateLimit(ClientId, Run(ct => client.SetAsync(ClientId, Percent, current, ct))));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
