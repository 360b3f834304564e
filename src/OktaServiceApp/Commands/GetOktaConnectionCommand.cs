using System.Management.Automation;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows the connection Okta cmdlets will use: the org URL and the auth mode, never the token.</para>
/// <para type="description">Get-OktaConnection returns the connection made by Connect-Okta, or else the one the OKTA_CLIENT_*
/// environment variables or ~/.okta/okta.yaml describe. With neither, it fails with OktaNotConnected.</para>
/// </summary>
/// <example>
/// <code>Get-OktaConnection</code>
/// <para>Shows the org and how the module authenticates.</para>
/// </example>
/// <example>
/// <code>$env:OKTA_CLIENT_ORGURL = 'https://dev-123.okta.com'; $env:OKTA_CLIENT_TOKEN = $secret; (Get-OktaConnection).Source</code>
/// <para>In a runbook: checks that the environment variables are picked up.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaConnection")]
[OutputType(typeof(OktaConnection))]
public sealed class GetOktaConnectionCommand : OktaCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord() => WriteObject(ResolveConnection(null));
}
