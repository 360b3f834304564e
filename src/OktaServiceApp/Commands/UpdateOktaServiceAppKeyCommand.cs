using System.Management.Automation;
using System.Security;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Tokens;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Rotates a service app's key with no downtime.</para>
/// <para type="description">Update-OktaServiceAppKey adds a new key to the app (by default a fresh key of the same kind as -Jwks, or RS256),
/// proves it by getting an access token with it, writes its private key to -PrivateKeyPath (owner-only), and only then deactivates the
/// app's other keys, or deletes them with -RemoveOld. Token requests keep working throughout. If the new key cannot get a token, the
/// cmdlet stops, removes the new key, and leaves the old keys active. It outputs the new key pair. Only a Super Admin can rotate the keys
/// of an app that has Okta-scope grants.</para>
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
/// <code>Update-OktaServiceAppKey -ClientId $env:OKTA_CLIENT_CLIENTID -KeyVaultKeyId https://my-vault.vault.azure.net/keys/okta-app/0123456789abcdef0123456789abcdef -Confirm:$false</code>
/// <para>Moves the app from a key file to a Key Vault key: registers the vault key's public half, proves it with a token signed by
/// Key Vault, then deactivates the old keys. Nothing is written to disk.</para>
/// </example>
[Cmdlet(VerbsData.Update, "OktaServiceAppKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = NewKeySet)]
[OutputType(typeof(OktaJwks))]
public sealed class UpdateOktaServiceAppKeyCommand : AppItemCmdlet
{
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

    private const string NewKeySet = "NewKey";

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
        if (KeyVaultKeyId is not null)
        {
            RotateToKeyVault(KeyVaultKeyId);
            return;
        }

        if (NewJwks is { SigningKey: null })
        {
            WriteError(OktaErrors.Invalid(ErrorIds.KeyNotExportable,
                "-NewJwks holds a Key Vault key, which cannot be written to -PrivateKeyPath: use -KeyVaultKeyId instead.",
                NewJwks, ErrorCategory.InvalidOperation));
            return;
        }

        var path = GetUnresolvedProviderPathFromPSPath(PrivateKeyPath);
        if (File.Exists(path) || Directory.Exists(path))
        {
            WriteError(OktaErrors.FromKey(new KeyException(KeyProblem.FileExists,
                $"'{path}' already exists; choose another -PrivateKeyPath. Nothing was changed."), path));
            return;
        }

        var connection = ResolveConnection(Connection);
        if (!ShouldProcess($"app {ClientId}", RemoveOld ? "Rotate key, deleting the old keys" : "Rotate key, deactivating the old keys"))
        {
            return;
        }

        var jwks = NewJwks ?? new OktaJwks(SigningKey.Generate());
        var rotation = new KeyRotation(connection.Client, TokenClient.SharingWith(connection.Client));
        try
        {
            var added = Run(ct => rotation.AddAndProveAsync(ClientId, jwks.Signer, Scope, ct));
            KeyFile.Write(jwks.SigningKey!, path, KeyFileFormat.Pem, overwrite: false);
            WriteVerbose($"Wrote the new private key to {path}.");
            var retired = Run(ct => rotation.RetireOthersAsync(ClientId, added, RemoveOld, ct));
            WriteVerbose($"Rotated app {ClientId} to key {jwks.KeyId}; {retired.Count} old key(s) {(RemoveOld ? "deleted" : "deactivated")}.");
            WriteObject(jwks);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }

    private void RotateToKeyVault(string keyVaultKeyId)
    {
        var connection = ResolveConnection(Connection);
        if (!ShouldProcess($"app {ClientId}", $"Rotate to Key Vault key {keyVaultKeyId}, {(RemoveOld ? "deleting" : "deactivating")} the old keys"))
        {
            return;
        }

        var rotation = new KeyRotation(connection.Client, TokenClient.SharingWith(connection.Client));
        try
        {
            var source = KeyVaultKeys.Source(keyVaultKeyId, KeyVaultAccessToken);
            var jwks = new OktaJwks((KeyVaultSigner)Run(ct => source.OpenAsync(ct)));
            var added = Run(ct => rotation.AddAndProveAsync(ClientId, jwks.Signer, Scope, ct));
            var retired = Run(ct => rotation.RetireOthersAsync(ClientId, added, RemoveOld, ct));
            WriteVerbose($"Rotated app {ClientId} to Key Vault key {jwks.KeyVaultKeyId} (kid {jwks.KeyId}); {retired.Count} old key(s) " +
                $"{(RemoveOld ? "deleted" : "deactivated")}.");
            WriteObject(jwks);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, ClientId);
        }
    }
}
