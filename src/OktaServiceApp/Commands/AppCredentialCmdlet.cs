using System.Management.Automation;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// Parameters shared by cmdlets that act as a service app: who (ClientId), with which key (Jwks or PrivateKeyPath), at which org.
/// All bind by property name from an OktaServiceApp; anything missing falls back to OKTA_CLIENT_* and okta.yaml.
/// </summary>
public abstract class AppCredentialCmdlet : OktaCmdlet
{
    /// <summary>Parameter set for a key pair object.</summary>
    protected const string JwksSet = "Jwks";
    /// <summary>Parameter set for a key file.</summary>
    protected const string KeyPathSet = "PrivateKeyPath";

    /// <summary>
    /// <para type="description">The service app's client id. Binds from piped apps; defaults to OKTA_CLIENT_CLIENTID.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("client_id", "AppId")]
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

    /// <summary>Resolves org, client and key, or writes the error and returns null.</summary>
    protected (Uri OrgUrl, string ClientId, SigningKey Key)? ResolveAppCredentials(OktaConnection? connection)
    {
        var target = (object?)ClientId ?? PrivateKeyPath;
        try
        {
            // The environment and okta.yaml are read only for what the parameters leave open: a cached-token call stays cheap.
            var settings = new Lazy<OktaSettings>(ConnectionFactory.LoadSettings);
            Uri org = OrgUrl is not null ? Core.Configuration.OrgUrl.Parse(OrgUrl)
                : connection?.Client.OrgUrl ?? OktaSession.Current?.Client.OrgUrl ?? settings.Value.OrgUrl ?? throw ConnectionFactory.NotConnected();
            var clientId = ClientId ?? settings.Value.ClientId;
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new OktaConfigurationException(ConfigurationProblem.ClientIdMissing,
                    "No client id: pass -ClientId, pipe in an app, or set OKTA_CLIENT_CLIENTID.");
            }

            var key = Jwks?.SigningKey ??
                      (PrivateKeyPath is not null ? KeyFile.Read(GetUnresolvedProviderPathFromPSPath(PrivateKeyPath)) : ConnectionFactory.ReadKey(settings.Value));
            if (!key.HasPrivateKey)
            {
                throw new KeyException(KeyProblem.NoPrivateKey, "The key has no private part, so it cannot sign. Use the key pair the app was created with.");
            }

            if (KeyIds is { Length: > 0 } registered && !registered.Contains(key.KeyId, StringComparer.Ordinal))
            {
                WriteError(OktaErrors.Invalid(OktaErrors.KeyNotRegistered,
                    $"Key '{key.KeyId}' is not registered for app {clientId} (its keys: {string.Join(", ", registered)}). Use one of its keys, or add this one first.",
                    clientId, ErrorCategory.InvalidData));
                return null;
            }

            return (org, clientId!, key);
        }
        catch (OktaConfigurationException e)
        {
            WriteError(OktaErrors.FromConfiguration(e, target));
        }
        catch (KeyException e)
        {
            WriteError(OktaErrors.FromKey(e, (object?)PrivateKeyPath ?? target));
        }

        return null;
    }
}
