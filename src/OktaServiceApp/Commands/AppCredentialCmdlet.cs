using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// Parameters shared by cmdlets that act as a service app: who (ClientId), with which key (Jwks, PrivateKeyPath, a certificate
/// object or thumbprint, PEM/JWK text in a SecureString, or an Azure Key Vault key), at which org.
/// All bind by property name from an OktaServiceApp; anything missing falls back to OKTA_CLIENT_* and okta.yaml.
/// </summary>
public abstract class AppCredentialCmdlet : ConnectedCmdlet
{
    /// <summary>Parameter set for a key pair object.</summary>
    protected const string JwksSet = "Jwks";
    /// <summary>Parameter set for a key file.</summary>
    protected const string KeyPathSet = "PrivateKeyPath";
    /// <summary>Parameter set for a certificate object.</summary>
    protected const string CertificateSet = "Certificate";
    /// <summary>Parameter set for a certificate in the My store.</summary>
    protected const string CertificateThumbprintSet = "CertificateThumbprint";
    /// <summary>Parameter set for PEM or JWK text in a SecureString.</summary>
    protected const string PrivateKeySet = "PrivateKey";

    /// <summary>
    /// <para type="description">The service app's client id. Binds from piped apps; defaults to OKTA_CLIENT_CLIENTID.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "client_id", "AppId")]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string? ClientId { get; set; }

    /// <summary>
    /// <para type="description">The app's key pair, from New-OktaJwks or Import-OktaPrivateKey. Binds from piped apps made in this session.</para>
    /// </summary>
    [Parameter(ParameterSetName = JwksSet, ValueFromPipelineByPropertyName = true)]
    public OktaJwks? Jwks { get; set; }

    /// <summary>
    /// <para type="description">A file with the app's private key (PEM or private JWK). Defaults to OKTA_CLIENT_PRIVATEKEY.</para>
    /// </summary>
    [Parameter(ParameterSetName = KeyPathSet, Mandatory = true)]
    public string? PrivateKeyPath { get; set; }

    /// <summary>
    /// <para type="description">A certificate whose private key signs, in place: it is never exported, so a non-exportable or
    /// TPM-backed key works. RSA (2048 bits or more) or EC P-256/P-384/P-521; the kid is the RFC 7638 thumbprint of its public key.
    /// For example -Certificate (Get-AutomationCertificate -Name okta-svc) in Azure Automation,
    /// -Certificate (Get-Item Cert:\CurrentUser\My\&lt;thumbprint&gt;), or -Certificate (Get-PfxCertificate ./svc.pfx).</para>
    /// </summary>
    [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// <para type="description">The SHA-1 thumbprint of a certificate in the My store whose private key signs, as Cert:\ shows it,
    /// for example -CertificateThumbprint 3F2A...9C1D. The key is used in the store and never exported.
    /// Defaults to OKTA_CLIENT_CERTIFICATETHUMBPRINT.</para>
    /// </summary>
    [Parameter(ParameterSetName = CertificateThumbprintSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>
    /// <para type="description">The store that holds -CertificateThumbprint: CurrentUser (default) or LocalMachine (Windows only),
    /// for example -CertificateStoreLocation LocalMachine for a certificate the machine's service account uses.</para>
    /// </summary>
    [Parameter(ParameterSetName = CertificateThumbprintSet)]
    public StoreLocation CertificateStoreLocation { get; set; } = StoreLocation.CurrentUser;

    /// <summary>
    /// <para type="description">The private key as PEM or private JWK text in a SecureString, never written to disk, for example
    /// -PrivateKey (Get-Secret -Name okta-svc-key) with SecretManagement, or an encrypted Azure Automation variable.</para>
    /// </summary>
    [Parameter(ParameterSetName = PrivateKeySet, Mandatory = true)]
    [SecureStringTransformation]
    public SecureString? PrivateKey { get; set; }

    /// <summary>
    /// <para type="description">The org URL. Binds from piped apps; defaults to the current connection or OKTA_CLIENT_ORGURL.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? OrgUrl { get; set; }

    /// <summary>
    /// <para type="description">The kids registered for the app. Binds from piped apps, so a key that is not registered is refused before any request.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string[]? KeyIds { get; set; }

    // ---- Azure Key Vault key (issue 12): the key signs in the vault; only its public half is ever here. ----

    /// <summary>Parameter set for a key in Azure Key Vault.</summary>
    protected const string KeyVaultSet = "KeyVault";

    /// <summary>
    /// <para type="description">An Azure Key Vault key id, https://{vault}.vault.azure.net/keys/{name}[/{version}]. Every assertion is
    /// signed by Key Vault (one call per token request); the private key never leaves the vault. Authenticates with the managed
    /// identity (IDENTITY_ENDPOINT and IDENTITY_HEADER, or the instance metadata service) unless -KeyVaultAccessToken is given.
    /// Defaults to OKTA_CLIENT_KEYVAULTKEYID.</para>
    /// </summary>
    [Parameter(ParameterSetName = KeyVaultSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? KeyVaultKeyId { get; set; }

    /// <summary>
    /// <para type="description">A Key Vault access token for https://vault.azure.net, such as (Get-AzAccessToken -ResourceUrl
    /// https://vault.azure.net -AsSecureString).Token. Used instead of the managed identity.</para>
    /// </summary>
    [Parameter(ParameterSetName = KeyVaultSet)]
    [SecureStringTransformation]
    public SecureString? KeyVaultAccessToken { get; set; }

    /// <summary>Resolves org, client and key through the engine's one precedence chain, or writes the error and returns null.</summary>
    /// <param name="connection">The -Connection given; the session's connection is used when absent.</param>
    /// <param name="orgRequired">False when the org URL is not needed (an assertion with an explicit audience).</param>
    private protected AppIdentity? ResolveAppCredentials(OktaConnection? connection, bool orgRequired = true)
    {
        var target = (object?)ClientId ?? PrivateKeyPath ?? CertificateThumbprint ?? Certificate?.Thumbprint ?? KeyVaultKeyId;
        // Read on the pipeline thread: the session's connection belongs to this runspace, and engine work runs elsewhere.
        var connected = (connection ?? OktaSession.Current)?.Org;
        try
        {
            var request = new ConnectionRequest
            {
                OrgUrl = OrgUrl,
                ClientId = ClientId,
                Key = KeySourceOf(Jwks, PrivateKeyPath) ?? StoredKeySourceOf(Certificate, CertificateThumbprint,
                    CertificateStoreLocation, PrivateKey, KeyVaultKeyId, KeyVaultAccessToken),
                RegisteredKeyIds = KeyIds,
            };
            return Run(ct => Engine.Connections.ResolveAppAsync(request, connected, orgRequired, ct));
        }
        catch (KeyException e) when (e.Problem == KeyProblem.KeyNotRegistered)
        {
            WriteError(OktaErrors.FromKey(e, ClientId));
        }
        catch (KeyException e)
        {
            WriteError(OktaErrors.FromKey(e, (object?)PrivateKeyPath ?? CertificateThumbprint ?? Certificate?.Thumbprint ?? KeyVaultKeyId ?? target));
        }
        catch (OktaConfigurationException e)
        {
            WriteError(OktaErrors.FromConfiguration(e, target));
        }

        return null;
    }
}
