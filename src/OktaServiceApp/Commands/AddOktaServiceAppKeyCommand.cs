using System.Management.Automation;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Registers another public key for a service app.</para>
/// <para type="description">Add-OktaServiceAppKey posts the public half of a key pair (from New-OktaJwks or Import-OktaPrivateKey) to
/// /api/v1/apps/{clientId}/credentials/jwks, active unless -Inactive is given. Only public members are sent. An app may hold up to 50
/// keys, each with a unique kid. Once an app has Okta-scope grants, only a Super Admin can change its keys.</para>
/// </summary>
/// <example>
/// <code>New-OktaJwks | Export-OktaPrivateKey ./next.pem -PassThru | Add-OktaServiceAppKey -ClientId 0oa1b2c3d4</code>
/// <para>Adds a new active key and keeps its private half in a file.</para>
/// </example>
/// <example>
/// <code>Import-OktaPrivateKey $env:NEXT_KEY_FILE | Add-OktaServiceAppKey -ClientId $env:OKTA_APP_ID -Inactive -Confirm:$false</code>
/// <para>In a CI job (connection from environment variables): stages a key, inactive, for a later switch.</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "OktaServiceAppKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OktaServiceAppKey))]
public sealed class AddOktaServiceAppKeyCommand : AppItemCmdlet
{
    /// <summary>
    /// <para type="description">The key pair whose public half to register.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public OktaJwks? Jwks { get; set; }

    /// <summary>
    /// <para type="description">Registers the key as INACTIVE.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Inactive { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        var jwks = Jwks!;
        if (!ShouldProcess($"app {ClientId}", $"Add key {jwks.KeyId}{(Inactive ? " (inactive)" : "")}"))
        {
            return;
        }

        try
        {
            WriteVerbose($"Adding key {jwks.KeyId} to app {ClientId}.");
            var key = Run(ct => new AppKeyClient(connection.Client).AddAsync(ClientId, jwks.SigningKey.ToPublicJwk(), !Inactive, ct));
            WriteObject(new OktaServiceAppKey(ClientId, key));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
