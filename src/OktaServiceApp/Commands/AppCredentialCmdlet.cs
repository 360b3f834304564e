using System.Management.Automation;
using System.Security;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// Parameters shared by cmdlets that act as a service app: who (ClientId), with which key (Jwks or PrivateKeyPath), at which org.
/// All bind by property name from an OktaServiceApp; anything missing falls back to OKTA_CLIENT_* and okta.yaml.
/// </summary>
public abstract class AppCredentialCmdlet : ConnectedCmdlet
{
    /// <summary>Parameter set for a key pair object.</summary>
    protected const string JwksSet = "Jwks";
    /// <summary>Parameter set for a key file.</summary>
    protected const string KeyPathSet = "PrivateKeyPath";

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
        var target = (object?)ClientId ?? PrivateKeyPath ?? KeyVaultKeyId;
        // Read on the pipeline thread: the session's connection belongs to this runspace, and engine work runs elsewhere.
        var connected = (connection ?? OktaSession.Current)?.Org;
        try
        {
            var request = new ConnectionRequest
            {
                OrgUrl = OrgUrl,
                ClientId = ClientId,
                Key = KeySourceOf(Jwks, PrivateKeyPath) ??
                    (KeyVaultKeyId is not null ? KeyVaultKeys.Source(KeyVaultKeyId, KeyVaultAccessToken) : null),
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
            WriteError(OktaErrors.FromKey(e, (object?)PrivateKeyPath ?? KeyVaultKeyId ?? target));
        }
        catch (OktaConfigurationException e)
        {
            WriteError(OktaErrors.FromConfiguration(e, target));
        }

        return null;
    }
}
