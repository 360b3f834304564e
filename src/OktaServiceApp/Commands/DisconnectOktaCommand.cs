using System.Management.Automation;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Clears this session's default Okta connection.</para>
/// <para type="description">Disconnect-Okta forgets the connection that Connect-Okta made, including its cached access token.
/// Afterwards cmdlets fall back to the OKTA_CLIENT_* environment variables or ~/.okta/okta.yaml, if set.</para>
/// </summary>
/// <example>
/// <code>Disconnect-Okta</code>
/// <para>Forgets the current connection.</para>
/// </example>
/// <example>
/// <code>try { Grant-OktaScope -ClientId $env:APP_ID -Scope okta.users.read } finally { Disconnect-Okta }</code>
/// <para>In a CI job: makes sure no connection outlives the job's work.</para>
/// </example>
[Cmdlet(VerbsCommunications.Disconnect, "Okta")]
[OutputType(typeof(void))]
public sealed class DisconnectOktaCommand : PSCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (OktaSession.Current is { } current)
        {
            WriteVerbose($"Disconnecting from {current.OrgUrl}.");
        }

        OktaSession.Reset();
    }
}
