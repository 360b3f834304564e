using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes a new signing key pair and its public JWKS, locally.</para>
/// <para type="description">New-OktaJwks generates an RSA or EC key pair on this machine; the private key never leaves it unless
/// Export-OktaPrivateKey writes it to a file. The output holds the public JWK (kty, kid, alg, use, and n/e or crv/x/y) to register
/// with New-OktaServiceApp. The default is RS256 with 2048 bits, and the default kid is the RFC 7638 thumbprint.
/// With -Certificate or -CertificateThumbprint nothing is generated: the output is the certificate's public JWKS to register
/// (kid: the RFC 7638 thumbprint, as for every key), and it signs through the certificate's store; its private key cannot be
/// exported. With -KeyVaultKeyId the output is an Azure Key Vault key's public JWKS, and it signs in the vault.</para>
/// </summary>
/// <example>
/// <code>New-OktaJwks | New-OktaServiceApp -Name reporting | Grant-OktaScope okta.users.read, okta.groups.read</code>
/// <para>Makes a key, registers a service app with its public half, and grants the app two scopes.</para>
/// </example>
/// <example>
/// <code>$jwks = New-OktaJwks -Algorithm ES256; $jwks.ToJson() | Set-Content "$env:BUILD_ARTIFACTSTAGINGDIRECTORY/jwks.json"</code>
/// <para>In a CI job: makes an EC key and publishes only its public JWKS.</para>
/// </example>
/// <example>
/// <code>New-OktaJwks -CertificateThumbprint $env:OKTA_CERT_THUMBPRINT | New-OktaServiceApp -Name reporting</code>
/// <para>Registers a service app with the public key of a certificate in Cert:\CurrentUser\My; the app then signs with -CertificateThumbprint.</para>
/// </example>
/// <example>
/// <code>New-OktaJwks -KeyVaultKeyId https://my-vault.vault.azure.net/keys/okta-app | New-OktaServiceApp -Name reporting</code>
/// <para>Registers a service app with the public half of a Key Vault key; the private key stays in the vault.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "OktaJwks", DefaultParameterSetName = GenerateSet)]
[OutputType(typeof(OktaJwks))]
public sealed class NewOktaJwksCommand : OktaCmdlet
{
    private const string GenerateSet = "Generate";
    private const string CertificateSet = "Certificate";
    private const string CertificateThumbprintSet = "CertificateThumbprint";

    /// <summary>
    /// <para type="description">RS256 (default), RS384, RS512, ES256, ES384 or ES512.</para>
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = GenerateSet)]
    [Parameter(ParameterSetName = KeyVaultSet)]
    [ValidateSet("RS256", "RS384", "RS512", "ES256", "ES384", "ES512")]
    public string Algorithm { get; set; } = "RS256";

    /// <summary>
    /// <para type="description">RSA modulus size: 2048 (default), 3072 or 4096. Not allowed with ES algorithms.</para>
    /// </summary>
    [Parameter(ParameterSetName = GenerateSet)]
    public int? KeySize { get; set; }

    /// <summary>
    /// <para type="description">The key id (kid). Defaults to the key's RFC 7638 thumbprint.</para>
    /// </summary>
    [Parameter(ParameterSetName = GenerateSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyId { get; set; }

    /// <summary>
    /// <para type="description">A certificate whose public key to register, for example -Certificate (Get-PfxCertificate ./svc.pfx)
    /// or -Certificate (Get-Item Cert:\CurrentUser\My\&lt;thumbprint&gt;). A .cer without the private key gives the JWKS to register
    /// only; with its key the output also signs, in place.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet, ValueFromPipeline = true)]
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

    // ---- Azure Key Vault key (issue 12): the public JWKS of a key that signs in the vault. ----

    private const string KeyVaultSet = "KeyVault";

    /// <summary>
    /// <para type="description">Reads the public key of this Azure Key Vault key (https://{vault}.vault.azure.net/keys/{name}[/{version}])
    /// instead of making one; without a version, the vault's current version. Its kid is its RFC 7638 thumbprint. The object signs
    /// through Key Vault wherever a key is taken (-Jwks) and cannot be exported.</para>
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

    private void ReadKeyVaultKey(string keyVaultKeyId)
    {
        try
        {
            // Only an algorithm the caller chose is passed on: an EC vault key signs with its curve's algorithm.
            var algorithm = MyInvocation.BoundParameters.ContainsKey(nameof(Algorithm)) ? Algorithm : null;
            var source = KeyVaultKeys.Source(keyVaultKeyId, KeyVaultAccessToken, algorithm);
            WriteVerbose($"Reading the public key of {source.KeyId}.");
            var signer = (KeyVaultSigner)Run(ct => source.OpenAsync(ct));
            WriteVerbose($"Key Vault key {signer.VaultKeyId}: kid {signer.KeyId} ({signer.KeyType}, {signer.Algorithm}).");
            WriteObject(new OktaJwks(signer));
        }
        catch (KeyException e)
        {
            ThrowTerminatingError(OktaErrors.FromKey(e, keyVaultKeyId));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (KeyVaultKeyId is not null)
        {
            ReadKeyVaultKey(KeyVaultKeyId);
            return;
        }

        if (ParameterSetName != GenerateSet)
        {
            WriteCertificateJwks();
            return;
        }

        try
        {
            WriteVerbose(KeySize is int size
                ? $"Generating a {Algorithm} key pair with {size} bits."
                : $"Generating a {Algorithm} key pair.");
            var key = SigningKey.Generate(Algorithm, KeySize, KeyId);
            WriteVerbose($"Generated key {key.KeyId} ({key.KeyType}, thumbprint {key.Thumbprint}).");
            WriteObject(new OktaJwks(key));
        }
        catch (KeyException e)
        {
            ThrowTerminatingError(OktaErrors.FromKey(e, KeySize is null ? Algorithm : $"{Algorithm}/{KeySize}"));
        }
    }

    private void WriteCertificateJwks()
    {
        if (TryCertificateJwks(Certificate, CertificateThumbprint, CertificateStoreLocation, requirePrivateKey: false, out var jwks) &&
            jwks is not null)
        {
            WriteVerbose($"Certificate {jwks.CertificateSubject} ({jwks.CertificateThumbprint}): key {jwks.KeyId} ({jwks.Algorithm})" +
                (jwks.HasPrivateKey ? ", signs in place." : ", public key only."));
            WriteObject(jwks);
        }
    }
}
