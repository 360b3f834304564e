using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Roles;
using OktaServiceApp.Core.Tokens;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Registers an Okta OAuth service app that authenticates with a private key (private_key_jwt).</para>
/// <para type="description">New-OktaServiceApp registers a service app through Dynamic Client Registration (POST /oauth2/v1/clients)
/// with the client_credentials grant, private_key_jwt, and the public half of a key pair. Pipe in a key from New-OktaJwks or
/// Import-OktaPrivateKey, or a certificate's public key from New-OktaJwks -Certificate; without one, the cmdlet makes an RS256
/// 2048-bit key itself. Only public key members are ever sent.
/// With -PrivateKeyPath the private key is written (owner-only) right after the app is created; the file is checked first, so a
/// refused path never leaves an app behind. With -RequireDpop the app is created through the Apps API (POST /api/v1/apps) with
/// dpop_bound_access_tokens, which Dynamic Client Registration cannot set. The app still needs scopes (Grant-OktaScope) and usually an
/// admin role before it can call Okta. If the connection drops while creating, the cmdlet looks for the app by name and key id before
/// trying again, so no duplicate app is made. -Role assigns a standard admin role right after creation.</para>
/// </summary>
/// <example>
/// <code>New-OktaJwks | New-OktaServiceApp -Name reporting -PrivateKeyPath ./reporting.pem | Grant-OktaScope okta.users.read, okta.groups.read</code>
/// <para>The whole setup in one line: key, app, saved private key, and two scopes.</para>
/// </example>
/// <example>
/// <code>$env:OKTA_CLIENT_ORGURL = 'https://dev-123.okta.com'; $env:OKTA_CLIENT_TOKEN = $secret
/// New-OktaServiceApp -Name "ci-$env:BUILD_BUILDID" -RequireDpop -PrivateKeyPath "$env:AGENT_TEMPDIRECTORY/ci.pem" -Confirm:$false</code>
/// <para>In a CI job: creates a DPoP-bound app with the connection taken from environment variables.</para>
/// </example>
/// <example>
/// <code>New-OktaServiceApp -Name reporting -CertificateThumbprint $env:OKTA_CERT_THUMBPRINT | Grant-OktaScope okta.users.read</code>
/// <para>Registers an app with the public key of a certificate in Cert:\CurrentUser\My; its runbooks then connect with
/// -CertificateThumbprint, and no private key file ever exists.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "OktaServiceApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low,
    DefaultParameterSetName = JwksSet)]
[OutputType(typeof(OktaServiceApp))]
public sealed class NewOktaServiceAppCommand : ConnectedCmdlet
{
    private const string JwksSet = "Jwks";
    private const string CertificateSet = "Certificate";
    private const string CertificateThumbprintSet = "CertificateThumbprint";

    /// <summary>
    /// <para type="description">The app's name (client_name).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Name { get; set; } = "";

    /// <summary>
    /// <para type="description">The key pair whose public half to register. Made for you (RS256, 2048 bits) when absent.</para>
    /// </summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = JwksSet)]
    public OktaJwks? Jwks { get; set; }

    /// <summary>
    /// <para type="description">Writes the private key (PKCS#8 PEM, owner-only) to this file once the app exists.</para>
    /// </summary>
    [Parameter(ParameterSetName = JwksSet)]
    public string? PrivateKeyPath { get; set; }

    /// <summary>
    /// <para type="description">A certificate whose public key to register (kid: its RFC 7638 thumbprint), for example
    /// -Certificate (Get-PfxCertificate ./svc.cer); the private key stays with the certificate.</para>
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
    /// <para type="description">Creates the app through the Apps API with dpop_bound_access_tokens, so its tokens need DPoP proofs.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter RequireDpop { get; set; }

    /// <summary>
    /// <para type="description">A standard admin role to assign once the app exists, such as READ_ONLY_ADMIN.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(RoleCompleter))]
    public string? Role { get; set; }

    // ---- Azure Key Vault key (issue 12): register the public half of a key that signs in the vault. ----

    private const string KeyVaultSet = "KeyVault";

    /// <summary>
    /// <para type="description">Registers the public half of this Azure Key Vault key (https://{vault}.vault.azure.net/keys/{name}[/{version}])
    /// instead of -Jwks; the private key never leaves the vault, so -PrivateKeyPath does not apply (a vault key piped in as -Jwks
    /// with -PrivateKeyPath is refused with OktaKeyNotExportable).</para>
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
        if (ValidValues.CheckAppName(Name) is { } nameError)
        {
            WriteError(nameError);
            return;
        }

        var keyPath = PrivateKeyPath is null ? null : GetUnresolvedProviderPathFromPSPath(PrivateKeyPath);
        if (keyPath is not null && (File.Exists(keyPath) || Directory.Exists(keyPath)))
        {
            WriteError(OktaErrors.FromKey(new KeyException(KeyProblem.FileExists,
                $"'{keyPath}' already exists; choose another -PrivateKeyPath. No app was created."), keyPath));
            return;
        }

        // A certificate's or a vault key stays in its store: refused before any app exists.
        if (Jwks is not null && keyPath is not null && !CheckExportable(Jwks))
        {
            return;
        }

        if (Jwks is not null && !Jwks.HasPrivateKey && keyPath is not null)
        {
            WriteError(OktaErrors.Invalid(ErrorIds.NoPrivateKey, "-PrivateKeyPath needs a key pair with its private key.", Jwks,
                ErrorCategory.InvalidData));
            return;
        }

        if (!TryCertificateJwks(Certificate, CertificateThumbprint, CertificateStoreLocation, requirePrivateKey: false, out var certificateKey))
        {
            return;
        }

        var connection = ResolveConnection(Connection);
        var how = RequireDpop ? "Apps API, DPoP required" : "Dynamic Client Registration";
        if (!ShouldProcess($"{Name} on {connection.OrgUrl}", $"Create service app ({how})"))
        {
            return;
        }

        var vaultJwks = KeyVaultKeyId is not null ? KeyVaultJwksOf(KeyVaultKeyId, KeyVaultAccessToken) : null;
        if (KeyVaultKeyId is not null && vaultJwks is null)
        {
            return;
        }

        var jwks = certificateKey ?? vaultJwks ?? Jwks ?? NewDefaultKey();
        var spec = new ServiceAppSpec { Name = Name, Keys = new[] { jwks.Signer.ToPublicJwk() }, RequireDpop = RequireDpop };
        ServiceApp created;
        try
        {
            WriteVerbose($"Creating service app '{Name}' on {connection.OrgUrl} ({how}) with key {jwks.KeyId}.");
            created = Run(ct => new ServiceAppClient(connection.Client).CreateAsync(spec, ct));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, Name);
            return;
        }

        ClientIdCompleter.Remember(created.ClientId, created.Name);
        if (keyPath is not null)
        {
            try
            {
                KeyFile.Write(KeyExport.Exportable(jwks.Signer), keyPath, KeyFileFormat.Pem, overwrite: false);
                WriteVerbose($"Wrote the private key to {keyPath}, readable by its owner only.");
            }
            catch (Exception e) when (e is KeyException or IOException or UnauthorizedAccessException)
            {
                // The app exists; say so, so the key can still be exported from the object that follows.
                WriteItemError(e, keyPath);
            }
        }

        if (!string.IsNullOrWhiteSpace(Role))
        {
            var role = Role!.Trim().ToUpperInvariant();
            try
            {
                WriteVerbose($"Assigning role {role} to {created.ClientId}.");
                Run(ct => new RoleClient(connection.Client).AssignAsync(created.ClientId, role, ct));
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                WriteItemError(e, created.ClientId);
            }
        }

        WriteObject(new OktaServiceApp(created, connection.Client.OrgUrl, jwks));
    }

    private OktaJwks NewDefaultKey()
    {
        WriteVerbose("No -Jwks given: generating an RS256 2048-bit key pair.");
        return new OktaJwks(SigningKey.Generate());
    }
}
