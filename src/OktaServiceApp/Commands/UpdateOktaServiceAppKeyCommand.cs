using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tokens;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Rotates a service app's key with no downtime.</para>
/// <para type="description">Update-OktaServiceAppKey adds a new key to the app (by default a fresh key of the same kind as -Jwks, or RS256),
/// proves it by getting an access token with it, writes its private key to -PrivateKeyPath (owner-only), and only then deactivates the
/// app's other keys, or deletes them with -RemoveOld. Token requests keep working throughout. If the new key cannot get a token, the
/// cmdlet stops, removes the new key, and leaves the old keys active. It outputs the new key pair. Only a Super Admin can rotate the keys
/// of an app that has Okta-scope grants. With -Certificate or -CertificateThumbprint the app rotates to a certificate's key (from a
/// file key, say): it is proven the same way, nothing is written to disk, and the key stays in its store.</para>
/// </summary>
/// <example>
/// <code>Update-OktaServiceAppKey -ClientId 0oa1b2c3d4 -PrivateKeyPath ./svc-2026.pem -RemoveOld</code>
/// <para>Rotates to a new RS256 key and deletes the old one.</para>
/// </example>
/// <example>
/// <code>Update-OktaServiceAppKey -ClientId $env:OKTA_CLIENT_CLIENTID -PrivateKeyPath $env:NEW_KEY_FILE -Scope okta.users.read -Confirm:$false</code>
/// <para>In a scheduled rotation job (SSWS connection from environment variables): rotates, keeping the old key inactive for rollback.</para>
/// </example>
/// <example>
/// <code>Update-OktaServiceAppKey -ClientId 0oa1b2c3d4 -CertificateThumbprint 3F2A7C0D9E8B6A5F4E3D2C1B0A9F8E7D6C5B4A39 -Scope okta.users.read</code>
/// <para>Moves an app from its PEM file to a certificate in Cert:\CurrentUser\My; then connect with -CertificateThumbprint and delete the file.</para>
/// </example>
/// <example>
/// <code>Update-OktaServiceAppKey -ClientId $env:OKTA_CLIENT_CLIENTID -KeyVaultKeyId https://my-vault.vault.azure.net/keys/okta-app/0123456789abcdef0123456789abcdef -Confirm:$false</code>
/// <para>Moves the app from a key file to a Key Vault key: registers the vault key's public half, proves it with a token signed by
/// Key Vault, then deactivates the old keys. Nothing is written to disk.</para>
/// </example>
[Cmdlet(VerbsData.Update, "OktaServiceAppKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = NewKeySet)]
[OutputType(typeof(OktaJwks))]
public sealed class UpdateOktaServiceAppKeyCommand : AppItemCmdlet
{
    private const string NewKeySet = "NewKey";
    private const string CertificateSet = "Certificate";
    private const string CertificateThumbprintSet = "CertificateThumbprint";

    /// <summary>
    /// <para type="description">The new key pair. A new RS256 2048-bit key is made when absent.</para>
    /// </summary>
    [Parameter(ParameterSetName = NewKeySet)]
    public OktaJwks? NewJwks { get; set; }

    /// <summary>
    /// <para type="description">Where to write the new private key (PKCS#8 PEM, owner-only). Must not exist yet.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = NewKeySet)]
    [ValidateNotNullOrEmpty]
    public string PrivateKeyPath { get; set; } = "";

    /// <summary>
    /// <para type="description">A certificate to rotate to; its private key signs in place and is never written out. For example
    /// -Certificate (Get-PfxCertificate ./svc-2027.pfx), or -Certificate (Get-AutomationCertificate -Name okta-svc-2027).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// <para type="description">The SHA-1 thumbprint of a certificate in the My store to rotate to, as Get-ChildItem Cert:\CurrentUser\My
    /// shows it.</para>
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
    /// <para type="description">A scope granted to the app, used to prove the new key. Defaults to one of the app's granted scopes.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string? Scope { get; set; }

    /// <summary>
    /// <para type="description">Deletes the old keys instead of only deactivating them.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter RemoveOld { get; set; }

    // ---- Azure Key Vault key (issue 12): rotate to a key that signs in the vault; nothing is written to disk. ----

    private const string KeyVaultSet = "KeyVault";

    /// <summary>
    /// <para type="description">Rotates to this Azure Key Vault key (https://{vault}.vault.azure.net/keys/{name}[/{version}]): its public
    /// half is registered, proven with a token signed by Key Vault, and only then are the other keys retired. A new version of the
    /// vault key is a new key for Okta, rotated the same way.</para>
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
        var toFile = ParameterSetName == NewKeySet;
        var path = toFile ? GetUnresolvedProviderPathFromPSPath(PrivateKeyPath) : null;
        if (path is not null && (File.Exists(path) || Directory.Exists(path)))
        {
            WriteError(OktaErrors.FromKey(new KeyException(KeyProblem.FileExists,
                $"'{path}' already exists; choose another -PrivateKeyPath. Nothing was changed."), path));
            return;
        }

        // A certificate's or a vault key cannot be written to -PrivateKeyPath: refused before anything changes in Okta.
        if (NewJwks is not null && !CheckExportable(NewJwks))
        {
            return;
        }

        if (!TryCertificateJwks(Certificate, CertificateThumbprint, CertificateStoreLocation, requirePrivateKey: true, out var certificateKey))
        {
            return;
        }

        var connection = ResolveConnection(Connection);
        var retiring = RemoveOld ? "deleting the old keys" : "deactivating the old keys";
        if (!ShouldProcess($"app {ClientId}", KeyVaultKeyId is not null
                ? $"Rotate to Key Vault key {KeyVaultKeyId}, {retiring}"
                : $"Rotate key, {retiring}"))
        {
            return;
        }

        var rotation = new KeyRotation(connection.Client, TokenClient.SharingWith(connection.Client));
        try
        {
            var jwks = certificateKey ?? (KeyVaultKeyId is not null ? OpenKeyVaultJwks(KeyVaultKeyId, KeyVaultAccessToken) : null) ??
                NewJwks ?? new OktaJwks(SigningKey.Generate());
            var added = Run(ct => rotation.AddAndProveAsync(ClientId, jwks.Signer, Scope, ct));
            if (path is not null)
            {
                KeyFile.Write(KeyExport.Exportable(jwks.Signer), path, KeyFileFormat.Pem, overwrite: false);
                WriteVerbose($"Wrote the new private key to {path}.");
            }

            var retired = Run(ct => rotation.RetireOthersAsync(ClientId, added, RemoveOld, ct));
            var to = jwks.KeyVaultKeyId is { } vaultKey ? $"Key Vault key {vaultKey} (kid {jwks.KeyId})" : $"key {jwks.KeyId}";
            WriteVerbose($"Rotated app {ClientId} to {to}; {retired.Count} old key(s) {(RemoveOld ? "deleted" : "deactivated")}.");
            WriteObject(jwks);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
