using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Registers another public key for a service app.</para>
/// <para type="description">Add-OktaServiceAppKey posts the public half of a key pair (from New-OktaJwks or Import-OktaPrivateKey) to
/// /api/v1/apps/{clientId}/credentials/jwks, active unless -Inactive is given. Only public members are sent. An app may hold up to 50
/// keys, each with a unique kid. Once an app has Okta-scope grants, only a Super Admin can change its keys. -Certificate and
/// -CertificateThumbprint register a certificate's public key (kid: its RFC 7638 thumbprint); a .cer without the private key is enough.</para>
/// </summary>
/// <example>
/// <code>New-OktaJwks | Export-OktaPrivateKey ./next.pem -PassThru | Add-OktaServiceAppKey -ClientId 0oa1b2c3d4</code>
/// <para>Adds a new active key and keeps its private half in a file.</para>
/// </example>
/// <example>
/// <code>Import-OktaPrivateKey $env:NEXT_KEY_FILE | Add-OktaServiceAppKey -ClientId $env:OKTA_APP_ID -Inactive -Confirm:$false</code>
/// <para>In a CI job (connection from environment variables): stages a key, inactive, for a later switch.</para>
/// </example>
/// <example>
/// <code>Add-OktaServiceAppKey -ClientId 0oa1b2c3d4 -Certificate (Get-PfxCertificate ./svc-2027.cer) -Inactive</code>
/// <para>Stages a certificate's public key, inactive, before the certificate is deployed where the runbook runs.</para>
/// </example>
/// <example>
/// <code>Add-OktaServiceAppKey -ClientId 0oa1b2c3d4 -KeyVaultKeyId https://my-vault.vault.azure.net/keys/okta-app -Inactive</code>
/// <para>Stages the public half of a Key Vault key, inactive, for a later switch; the private key stays in the vault.</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "OktaServiceAppKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = JwksSet)]
[OutputType(typeof(OktaServiceAppKey))]
public sealed class AddOktaServiceAppKeyCommand : AppItemCmdlet
{
    private const string JwksSet = "Jwks";
    private const string CertificateSet = "Certificate";
    private const string CertificateThumbprintSet = "CertificateThumbprint";

    /// <summary>
    /// <para type="description">The key pair whose public half to register.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = JwksSet)]
    public OktaJwks? Jwks { get; set; }

    /// <summary>
    /// <para type="description">A certificate whose public key to register, for example -Certificate (Get-PfxCertificate ./svc.cer)
    /// or -Certificate (Get-Item Cert:\CurrentUser\My\&lt;thumbprint&gt;).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// <para type="description">The SHA-1 thumbprint of a certificate in the My store whose public key to register, as
    /// Get-ChildItem Cert:\CurrentUser\My shows it.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>
    /// <para type="description">The store that holds -CertificateThumbprint: CurrentUser (default) or LocalMachine (Windows only).</para>
    /// </summary>
    [Parameter(ParameterSetName = CertificateThumbprintSet)]
    public StoreLocation CertificateStoreLocation { get; set; } = StoreLocation.CurrentUser;

    /// <summary>
    /// <para type="description">Registers the key as INACTIVE.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Inactive { get; set; }

    // ---- Azure Key Vault key (issue 12): register the public half of a key that signs in the vault. ----

    private const string KeyVaultSet = "KeyVault";

    /// <summary>
    /// <para type="description">Registers the public half of this Azure Key Vault key (https://{vault}.vault.azure.net/keys/{name}[/{version}]),
    /// read with one call to the vault; its kid is its RFC 7638 thumbprint.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyVaultSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyVaultKeyId { get; set; }

    /// <summary>
    /// <para type="description">A Key Vault access token for https://vault.azure.net; the managed identity is used when absent.</para>
    /// </summary>
    [Parameter(ParameterSetName = KeyVaultSet)]
    [SecureStringTransformation]
    public SecureString? KeyVaultAccessToken { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!TryCertificateJwks(Certificate, CertificateThumbprint, CertificateStoreLocation, requirePrivateKey: false, out var certificateKey))
        {
            return;
        }

        var jwks = Jwks ?? certificateKey;

        var connection = ResolveConnection(Connection);
        // The vault is asked only once there is a connection to register the key with.
        jwks ??= KeyVaultKeyId is not null ? KeyVaultJwksOf(KeyVaultKeyId, KeyVaultAccessToken) : null;
        if (jwks is null)
        {
            return;
        }

        if (!ShouldProcess($"app {ClientId}", $"Add key {jwks.KeyId}{(Inactive ? " (inactive)" : "")}"))
        {
            return;
        }

        try
        {
            WriteVerbose($"Adding key {jwks.KeyId} to app {ClientId}.");
            var key = Run(ct => new AppKeyClient(connection.Client).AddAsync(ClientId, jwks.Signer.ToPublicJwk(), !Inactive, ct));
            WriteObject(new OktaServiceAppKey(ClientId, key));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
