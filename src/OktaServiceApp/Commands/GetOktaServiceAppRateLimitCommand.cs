using System.Management.Automation;
using OktaServiceApp.Core.RateLimits;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows a service app's share of the org's rate limits.</para>
/// <para type="description">Get-OktaServiceAppRateLimit reads the app's principal rate limit (GET /api/v1/principal-rate-limits with
/// filter principalType eq "OAUTH_CLIENT"). Percent is null when the app has no share of its own. Needs okta.principalRateLimits.read
/// in OAuth mode.</para>
/// </summary>
/// <example>
/// <code>Get-OktaServiceApp -Name reporting | Get-OktaServiceAppRateLimit</code>
/// <para>Shows the share of each reporting app.</para>
/// </example>
/// <example>
/// <code>if ((Get-OktaServiceAppRateLimit -ClientId $env:OKTA_APP_ID).Percent -gt 50) { Write-Warning 'The app may use over half the org limit.' }</code>
/// <para>In a CI check: warns when one app could starve the others.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaServiceAppRateLimit")]
[OutputType(typeof(OktaServiceAppRateLimit))]
public sealed class GetOktaServiceAppRateLimitCommand : ClientCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        try
        {
            WriteObject(new OktaServiceAppRateLimit(ClientId, Run(ct => new PrincipalRateLimitClient(connection.Client).FindAsync(ClientId, ct))));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
