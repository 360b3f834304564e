using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.Core.Sharing;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.Core.Connections;

/// <summary>
/// The one place that turns what a caller gave into a working client: parameters beat OKTA_CLIENT_* variables, which beat
/// ~/.okta/okta.yaml; the key is opened once; each limit is checked once, against <see cref="ConnectionLimits"/>. Connect-Okta,
/// -Connection, runbooks with environment variables only, and the cmdlets that act as an app all come through here.
/// </summary>
public sealed class ConnectionBuilder
{
    private readonly OktaRegistry _registry;
    private readonly Func<OktaSettings> _loadSettings;

    /// <param name="registry">Shared by every client this builder makes.</param>
    /// <param name="loadSettings">Reads OKTA_CLIENT_* over okta.yaml; called at most once per build, and only when the
    /// request leaves something open.</param>
    public ConnectionBuilder(OktaRegistry registry, Func<OktaSettings> loadSettings)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _loadSettings = loadSettings ?? throw new ArgumentNullException(nameof(loadSettings));
    }

    public OktaRegistry Registry => _registry;

    /// <summary>The settings alone, before any parameter (for a cache that rebuilds when they change).</summary>
    public OktaSettings LoadSettings() => _loadSettings();

    /// <summary>A client for the org, with an API token or as a service app.</summary>
    public Task<OrgConnection> BuildAsync(ConnectionRequest request, CancellationToken cancellationToken) =>
        BuildAsync(request ?? throw new ArgumentNullException(nameof(request)), _loadSettings(), cancellationToken);

    /// <summary>The same, with settings already loaded.</summary>
    public async Task<OrgConnection> BuildAsync(ConnectionRequest request, OktaSettings settings, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        var org = ResolveOrg(request, connected: null, settings, required: true, connecting: true)!;
        var options = Options(org, request, settings);
        var mode = request.Mode ?? (request.ApiToken is not null ? AuthorizationMode.Ssws : settings.Mode);
        IOktaCredentials credentials;
        if (mode == AuthorizationMode.PrivateKey)
        {
            var clientId = FirstText(request.ClientId, settings.ClientId) ?? throw new OktaConfigurationException(
                ConfigurationProblem.ClientIdMissing, "PrivateKey mode needs a client id: pass -ClientId or set OKTA_CLIENT_CLIENTID.");
            var scopes = request.Scopes is { Count: > 0 } given ? given : settings.Scopes;
            if (scopes.Count == 0)
            {
                throw new OktaConfigurationException(ConfigurationProblem.ScopesMissing,
                    "PrivateKey mode needs the scopes to ask for: pass -Scope or set OKTA_CLIENT_SCOPES.");
            }

            var signer = await OpenKeyAsync(request, settings, cancellationToken).ConfigureAwait(false);
            credentials = new OAuthCredentials(new TokenClient(options, _registry), clientId, signer, scopes);
        }
        else
        {
            var token = FirstText(request.ApiToken, settings.ApiToken) ?? throw new OktaConfigurationException(
                ConfigurationProblem.ApiTokenMissing,
                $"No API token for {OrgUrl.ToIssuer(org)}: pass -ApiToken to Connect-Okta or set OKTA_CLIENT_TOKEN.");
            credentials = new SswsCredentials(token);
        }

        return new OrgConnection(new OktaClient(options, credentials, _registry), Source(request, settings));
    }

    /// <summary>
    /// A service app's identity for a token or an assertion: org from the request, else the connection in use, else the
    /// settings; client id and key from the request, else the settings. Settings are read only for what is still open, so
    /// a cached-token call stays cheap.
    /// </summary>
    /// <param name="connected">The -Connection given or the session's; it lends its org and limits.</param>
    /// <param name="orgRequired">False when the caller has no use for the org (an assertion with its own audience).</param>
    public async Task<AppIdentity> ResolveAppAsync(ConnectionRequest request, OrgConnection? connected, bool orgRequired,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var needsSettings = (request.OrgUrl is null && connected is null && orgRequired) || request.ClientId is null || request.Key is null;
        // Limits alone do not justify reading the environment and okta.yaml: their defaults hold for a one-off token.
        var source = needsSettings ? _loadSettings() : null;
        var org = ResolveOrg(request, connected, source, orgRequired, connecting: false);
        var clientId = FirstText(request.ClientId, source?.ClientId) ?? throw new OktaConfigurationException(
            ConfigurationProblem.ClientIdMissing, "No client id: pass -ClientId, pipe in an app, or set OKTA_CLIENT_CLIENTID.");
        var signer = await OpenKeyAsync(request, source, cancellationToken).ConfigureAwait(false);
        if (request.RegisteredKeyIds is { Count: > 0 } registered && !registered.Contains(signer.KeyId, StringComparer.Ordinal))
        {
            throw new KeyException(KeyProblem.KeyNotRegistered,
                $"Key '{signer.KeyId}' is not registered for app {clientId} (its keys: {string.Join(", ", registered)}). " +
                "Use one of its keys, or add this one first.");
        }

        OktaClientOptions? options = null;
        if (org is not null)
        {
            options = connected is not null && request.OrgUrl is null
                ? connected.Client.Options
                : Options(org, request, source ?? new OktaSettings());
        }

        return new AppIdentity(org, clientId, signer, options, _registry);
    }

    private static Uri? ResolveOrg(ConnectionRequest request, OrgConnection? connected, OktaSettings? settings, bool required,
        bool connecting)
    {
        if (request.OrgUrl is not null)
        {
            return OrgUrl.Parse(request.OrgUrl);
        }

        var org = connected?.Client.OrgUrl ?? settings?.OrgUrl;
        if (org is null && required)
        {
            throw connecting && request.HasParameters
                ? new OktaConfigurationException(ConfigurationProblem.OrgUrlMissing,
                    "No org URL: pass -OrgUrl (such as https://dev-123.okta.com) or set OKTA_CLIENT_ORGURL.")
                : NotConnected();
        }

        return org;
    }

    /// <summary>The error for a command that has no org to talk to at all.</summary>
    public static OktaConfigurationException NotConnected() => new(ConfigurationProblem.NotConnected,
        "Not connected to Okta. Run Connect-Okta -OrgUrl https://your-org.okta.com -ApiToken (Read-Host -AsSecureString), " +
        "or set the OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN environment variables.");

    private static OktaClientOptions Options(Uri org, ConnectionRequest request, OktaSettings settings)
    {
        var options = new OktaClientOptions(org);
        if ((request.MaxRetries ?? settings.MaxRetries) is int retries)
        {
            options.MaxRetries = ConnectionLimits.CheckRetries(retries, "MaxRetries");
        }

        if ((request.RequestTimeout ?? settings.RequestTimeout) is TimeSpan timeout)
        {
            options.RequestTimeout = ConnectionLimits.CheckTimeout(timeout, "RequestTimeout");
        }

        if ((request.MaxApiCapacity ?? settings.MaxApiCapacity) is int capacity)
        {
            options.MaxApiCapacity = ConnectionLimits.CheckApiCapacity(capacity, "MaxApiCapacity");
        }

        return options;
    }

    private Task<IJwsSigner> OpenKeyAsync(ConnectionRequest request, OktaSettings? settings, CancellationToken cancellationToken)
    {
        var source = request.Key ?? (settings is null ? null : SettingsKeySource(settings));
        if (source is null)
        {
            throw new OktaConfigurationException(ConfigurationProblem.PrivateKeyMissing,
                "PrivateKey mode needs the app's private key: pass -PrivateKeyPath, -Jwks, -Certificate, -CertificateThumbprint, " +
                "-PrivateKey or -KeyVaultKeyId, or set OKTA_CLIENT_PRIVATEKEY, OKTA_CLIENT_CERTIFICATETHUMBPRINT or OKTA_CLIENT_KEYVAULTKEYID.");
        }

        return source.OpenAsync(cancellationToken);
    }

    /// <summary>The one key the settings name (SettingsLoader lets a layer name only one), or null.</summary>
    private KeySource? SettingsKeySource(OktaSettings settings) =>
        settings.PrivateKey is { } text && text.Trim().Length > 0 ? KeySource.FromSetting(text, settings.PrivateKeyId)
        : settings.CertificateThumbprint is { } thumbprint ? new CertificateStoreKeySource(thumbprint, settings.CertificateStoreLocation)
        // A Key Vault key from the settings signs with the managed identity Azure gives the runbook; its tokens are shared
        // through the registry, like Okta's.
        : settings.KeyVaultKeyId is { } vaultKeyId ? new KeyVaultKeySource(vaultKeyId, _registry)
        : null;

    private static string Source(ConnectionRequest request, OktaSettings settings)
    {
        if (!request.HasParameters)
        {
            return settings.Source;
        }

        return string.IsNullOrEmpty(settings.Source) ? "parameters" : $"parameters, {settings.Source}";
    }

    private static string? FirstText(string? given, string? configured) =>
        !string.IsNullOrWhiteSpace(given) ? given : !string.IsNullOrWhiteSpace(configured) ? configured : null;
}
