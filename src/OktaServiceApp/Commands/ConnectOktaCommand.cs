using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Secrets;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Connects this session to an Okta org, with an API token or as a service app.</para>
/// <para type="description">Connect-Okta sets the default connection that every Okta cmdlet in this session uses, and returns it.
/// With -ApiToken it authenticates with an SSWS API token. With -ClientId, a private key (-PrivateKeyPath, -Jwks, -Certificate,
/// -CertificateThumbprint, -PrivateKey or -KeyVaultKeyId) and -Scope it authenticates as a service app (OAuth for Okta): it gets an access token from the org authorization server at once, with DPoP
/// when the app needs it, and refreshes it before it expires. Explicit parameters beat the OKTA_CLIENT_* environment variables,
/// which beat ~/.okta/okta.yaml. Without Connect-Okta, cmdlets use the environment variables and the file directly.
/// The org URL may be given as dev-123.okta.com or https://dev-123.okta.com; http:// is refused except on loopback, and so are
/// paths, queries and -admin hosts.</para>
/// </summary>
/// <example>
/// <code>Connect-Okta -OrgUrl dev-123.okta.com -ApiToken (Read-Host -AsSecureString 'API token')</code>
/// <para>Connects interactively with an API token that is never echoed.</para>
/// </example>
/// <example>
/// <code>Connect-Okta -OrgUrl $env:OKTA_CLIENT_ORGURL -ClientId $env:OKTA_CLIENT_CLIENTID -PrivateKeyPath ./svc.pem -Scope okta.users.read, okta.apps.read</code>
/// <para>In a runbook: connects as a service app with its private key, so later cmdlets run on a short-lived, scoped token.</para>
/// </example>
/// <example>
/// <code>Connect-Okta -OrgUrl dev-123.okta.com -ClientId 0oa1b2c3d4 -CertificateThumbprint 3F2A7C0D9E8B6A5F4E3D2C1B0A9F8E7D6C5B4A39 -Scope okta.users.read</code>
/// <para>Signs with a certificate's key in Cert:\CurrentUser\My, which may be non-exportable or TPM-backed: the key never leaves the store.</para>
/// </example>
[Cmdlet(VerbsCommunications.Connect, "Okta", DefaultParameterSetName = ApiTokenSet)]
[OutputType(typeof(OktaConnection))]
public sealed class ConnectOktaCommand : OktaCmdlet
{
    private const string ApiTokenSet = "ApiToken";
    private const string KeyPathSet = "PrivateKeyPath";
    private const string JwksSet = "Jwks";
    private const string CertificateSet = "Certificate";
    private const string CertificateThumbprintSet = "CertificateThumbprint";
    private const string PrivateKeySet = "PrivateKey";

    /// <summary>
    /// <para type="description">The org URL, such as https://dev-123.okta.com. Defaults to OKTA_CLIENT_ORGURL or okta.yaml's orgUrl.</para>
    /// </summary>
    [Parameter(Position = 0)]
    public string? OrgUrl { get; set; }

    /// <summary>
    /// <para type="description">An Okta API token (SSWS). A SecureString, or a plain string given explicitly. Defaults to OKTA_CLIENT_TOKEN.</para>
    /// </summary>
    [Parameter(ParameterSetName = ApiTokenSet)]
    [SecureStringTransformation]
    public SecureString? ApiToken { get; set; }

    /// <summary>
    /// <para type="description">The service app's client id, for OAuth for Okta.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [Parameter(Mandatory = true, ParameterSetName = JwksSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeySet)]
    [Parameter(Mandatory = true, ParameterSetName = KeyVaultSet)]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string? ClientId { get; set; }

    /// <summary>
    /// <para type="description">A file with the app's private key: PKCS#8, PKCS#1 or SEC1 PEM, or a private JWK.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    public string? PrivateKeyPath { get; set; }

    /// <summary>
    /// <para type="description">The app's key pair, from New-OktaJwks or Import-OktaPrivateKey.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = JwksSet)]
    public OktaJwks? Jwks { get; set; }

    /// <summary>
    /// <para type="description">A certificate whose private key signs, in place and never exported, so a non-exportable or TPM-backed
    /// key works. RSA (2048 bits or more) or EC; the kid is the RFC 7638 thumbprint of its public key. For example
    /// -Certificate (Get-AutomationCertificate -Name okta-svc) in Azure Automation, or -Certificate (Get-PfxCertificate ./svc.pfx).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// <para type="description">The SHA-1 thumbprint of a certificate in the My store whose private key signs, as
    /// Get-ChildItem Cert:\CurrentUser\My shows it, like Connect-MgGraph -CertificateThumbprint. Defaults to OKTA_CLIENT_CERTIFICATETHUMBPRINT.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>
    /// <para type="description">The store that holds -CertificateThumbprint: CurrentUser (default) or LocalMachine (Windows only),
    /// for example -CertificateStoreLocation LocalMachine on a server whose service account uses the machine's certificate.</para>
    /// </summary>
    [Parameter(ParameterSetName = CertificateThumbprintSet)]
    public StoreLocation CertificateStoreLocation { get; set; } = StoreLocation.CurrentUser;

    /// <summary>
    /// <para type="description">The private key as PEM or private JWK text in a SecureString, never written to disk, for example
    /// -PrivateKey (Get-Secret -Name okta-svc-key) with SecretManagement, or an encrypted Azure Automation variable.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeySet)]
    [SecureStringTransformation]
    public SecureString? PrivateKey { get; set; }

    /// <summary>
    /// <para type="description">The Okta scopes to ask for, such as okta.users.read. They must be granted to the app.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [Parameter(Mandatory = true, ParameterSetName = JwksSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeySet)]
    [Parameter(Mandatory = true, ParameterSetName = KeyVaultSet)]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[]? Scope { get; set; }

    // ---- Azure Key Vault key (issue 12): the key signs in the vault; only its public half is ever here. ----

    private const string KeyVaultSet = "KeyVault";

    /// <summary>
    /// <para type="description">An Azure Key Vault key id, https://{vault}.vault.azure.net/keys/{name}[/{version}]: the app's assertions
    /// are signed by Key Vault, once per token request, and the private key never leaves the vault. Authenticates with the managed
    /// identity (IDENTITY_ENDPOINT and IDENTITY_HEADER, or the instance metadata service) unless -KeyVaultAccessToken is given.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyVaultSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyVaultKeyId { get; set; }

    /// <summary>
    /// <para type="description">A Key Vault access token for https://vault.azure.net, such as (Get-AzAccessToken -ResourceUrl
    /// https://vault.azure.net -AsSecureString).Token. Used instead of the managed identity.</para>
    /// </summary>
    [Parameter(ParameterSetName = KeyVaultSet)]
    [SecureStringTransformation]
    public SecureString? KeyVaultAccessToken { get; set; }

    /// <summary>
    /// <para type="description">Retries per call on rate limits and faults (default 4, or OKTA_CLIENT_RATELIMIT_MAXRETRIES).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(ConnectionLimits.MinRetries, ConnectionLimits.MaxRetries)]
    public int? MaxRetries { get; set; }

    /// <summary>
    /// <para type="description">Per-request timeout in seconds, 0 for none (default 100, or OKTA_CLIENT_REQUESTTIMEOUT).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(ConnectionLimits.MinTimeoutSeconds, ConnectionLimits.MaxTimeoutSeconds)]
    public int? RequestTimeoutSec { get; set; }

    /// <summary>
    /// <para type="description">Percent of each Okta rate limit this module may use, leaving the rest to other tools (default 100, or OKTA_CLIENT_MAXAPICAPACITY).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(ConnectionLimits.MinApiCapacity, ConnectionLimits.MaxApiCapacity)]
    public int? MaxApiCapacity { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var appSet = ParameterSetName != ApiTokenSet;
        KeySource? key;
        try
        {
            key = !appSet ? null
                : KeySourceOf(Jwks, PrivateKeyPath) ?? StoredKeySourceOf(Certificate, CertificateThumbprint, CertificateStoreLocation,
                    PrivateKey, KeyVaultKeyId, KeyVaultAccessToken);
        }
        catch (KeyException e)
        {
            ThrowFor(e, (object?)KeyVaultKeyId ?? CertificateThumbprint ?? Certificate?.Thumbprint);
            return;
        }

        var request = new ConnectionRequest
        {
            OrgUrl = OrgUrl,
            ApiToken = ApiToken is null ? null : SecureText.ToPlain(ApiToken),
            Mode = appSet ? AuthorizationMode.PrivateKey : ApiToken is null ? null : AuthorizationMode.Ssws,
            ClientId = appSet ? ClientId : null,
            Scopes = appSet ? Scope ?? Array.Empty<string>() : null,
            Key = key,
            MaxRetries = MaxRetries,
            RequestTimeout = RequestTimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxApiCapacity = MaxApiCapacity,
        };

        OktaConnection connection;
        try
        {
            connection = new OktaConnection(Run(ct => Engine.Connections.BuildAsync(request, ct)));
        }
        catch (KeyException e)
        {
            ThrowFor(e, (object?)PrivateKeyPath ?? CertificateThumbprint ?? Certificate?.Thumbprint ?? KeyVaultKeyId);
            return;
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            ThrowFor(e, OrgUrl);
            return;
        }

        if (connection.ClientId is { } clientId)
        {
            WriteVerbose($"Getting an access token for {clientId} from {connection.OrgUrl}.");
            try
            {
                Run(ct => connection.Org.VerifyAsync(ct));
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                ThrowFor(e, ClientId);
                return;
            }
        }

        OktaSession.Current = connection;
        WriteVerbose($"Connected to {connection.OrgUrl} with {connection.AuthMode}; settings from {connection.Source}.");
        WriteObject(connection);
    }
}
