using OktaServiceApp.Core.Connections;

namespace OktaServiceApp.Core.Configuration;

// Precedence (environment beats the YAML file) and validation of the merged values, with messages that name where a
// bad value came from.
public static partial class SettingsLoader
{
    private static OktaSettings Merge(RawSettings env, RawSettings? yaml)
    {
        var settings = new OktaSettings();
        var sources = new SourceList();

        var orgUrl = Pick(env.OrgUrl, yaml?.OrgUrl, env, yaml, "OrgUrl", sources, out var orgUrlSource);
        if (orgUrl is not null)
        {
            try
            {
                settings.OrgUrl = OrgUrl.Parse(orgUrl);
            }
            catch (OktaConfigurationException ex)
            {
                throw new OktaConfigurationException(ex.Problem,
                    $"{Describe(orgUrlSource!, EnvOrgUrl, "okta.client.orgUrl")}: {ex.Message}");
            }
        }

        settings.ApiToken = Pick(env.Token, yaml?.Token, env, yaml, "ApiToken", sources, out _);
        settings.ClientId = Pick(env.ClientId, yaml?.ClientId, env, yaml, "ClientId", sources, out _);
        PickKey(env, yaml, settings, sources);

        var storeLocation = Pick(env.CertificateStoreLocation, yaml?.CertificateStoreLocation, env, yaml, "CertificateStoreLocation",
            sources, out var storeSource);
        if (storeLocation is not null)
        {
            settings.CertificateStoreLocation = ParseStoreLocation(storeLocation,
                Describe(storeSource!, EnvCertificateStoreLocation, "okta.client.certificateStoreLocation"));
        }

        if (env.Scopes is { Count: > 0 })
        {
            settings.Scopes = env.Scopes;
            sources.Add(env.Origin, "Scopes");
        }
        else if (yaml?.Scopes is { Count: > 0 })
        {
            settings.Scopes = yaml.Scopes;
            sources.Add(yaml.Origin, "Scopes");
        }

        var retries = Pick(env.MaxRetries, yaml?.MaxRetries, env, yaml, "MaxRetries", sources, out var retriesSource);
        if (retries is not null)
        {
            settings.MaxRetries = ConnectionLimits.ParseRetries(retries,
                Describe(retriesSource!, EnvMaxRetries, "okta.client.rateLimit.maxRetries"));
        }

        var timeout = Pick(env.RequestTimeout, yaml?.RequestTimeout, env, yaml, "RequestTimeout", sources, out var timeoutSource);
        if (timeout is not null)
        {
            settings.RequestTimeout = ConnectionLimits.ParseTimeout(timeout,
                Describe(timeoutSource!, EnvRequestTimeout, "okta.client.requestTimeout"));
        }

        var capacity = Pick(env.MaxApiCapacity, yaml?.MaxApiCapacity, env, yaml, "MaxApiCapacity", sources, out var capacitySource);
        if (capacity is not null)
        {
            settings.MaxApiCapacity = ConnectionLimits.ParseApiCapacity(capacity,
                Describe(capacitySource!, EnvMaxApiCapacity, "okta.client.maxApiCapacity"));
        }

        var mode = Pick(env.Mode, yaml?.Mode, env, yaml, "Mode", sources, out var modeSource);
        if (mode is not null)
        {
            settings.Mode = ParseMode(mode, Describe(modeSource!, EnvMode, "okta.client.authorizationMode"));
        }
        else
        {
            settings.Mode = settings.ApiToken is null && settings.ClientId is not null &&
                (settings.PrivateKey is not null || settings.CertificateThumbprint is not null || settings.KeyVaultKeyId is not null)
                ? AuthorizationMode.PrivateKey
                : AuthorizationMode.Ssws;
        }

        settings.Source = sources.ToString();
        return settings;
    }

    /// <summary>
    /// The key as one setting: the layer that names any key (a private key, a certificate thumbprint or a Key Vault key id)
    /// decides it whole, and the environment beats the file, so a runbook's OKTA_CLIENT_KEYVAULTKEYID or
    /// OKTA_CLIENT_CERTIFICATETHUMBPRINT is never paired with a privateKey left in okta.yaml. One layer naming two keys is
    /// refused: which key signs must never be a guess.
    /// </summary>
    private static void PickKey(RawSettings env, RawSettings? yaml, OktaSettings settings, SourceList sources)
    {
        var from = KeyCount(env) > 0 ? env : yaml is not null && KeyCount(yaml) > 0 ? yaml : null;
        if (from is null)
        {
            settings.PrivateKeyId = Pick(env.PrivateKeyId, yaml?.PrivateKeyId, env, yaml, "PrivateKeyId", sources, out _);
            return;
        }

        if (KeyCount(from) > 1)
        {
            var named = new List<string>();
            if (from.PrivateKey is not null)
            {
                named.Add(Describe(from, EnvPrivateKey, "okta.client.privateKey"));
            }

            if (from.CertificateThumbprint is not null)
            {
                named.Add(Describe(from, EnvCertificateThumbprint, "okta.client.certificateThumbprint"));
            }

            if (from.KeyVaultKeyId is not null)
            {
                named.Add(Describe(from, EnvKeyVaultKeyId, "okta.client.keyVaultKeyId"));
            }

            throw new OktaConfigurationException(ConfigurationProblem.SettingInvalid,
                $"{string.Join(" and ", named)} are set together: keep only the one for the key the app signs with.");
        }

        if (from.KeyVaultKeyId is not null)
        {
            settings.KeyVaultKeyId = from.KeyVaultKeyId;
            sources.Add(from.Origin, "KeyVaultKeyId");
            return;
        }

        if (from.CertificateThumbprint is not null)
        {
            settings.CertificateThumbprint = from.CertificateThumbprint;
            sources.Add(from.Origin, "CertificateThumbprint");
        }
        else
        {
            settings.PrivateKey = from.PrivateKey;
            sources.Add(from.Origin, "PrivateKey");
        }

        settings.PrivateKeyId = Pick(env.PrivateKeyId, yaml?.PrivateKeyId, env, yaml, "PrivateKeyId", sources, out _);
    }

    private static string? Pick(string? envValue, string? yamlValue, RawSettings env, RawSettings? yaml, string field,
        SourceList sources, out RawSettings? from)
    {
        if (envValue is not null)
        {
            sources.Add(env.Origin, field);
            from = env;
            return envValue;
        }

        if (yamlValue is not null && yaml is not null)
        {
            sources.Add(yaml.Origin, field);
            from = yaml;
            return yamlValue;
        }

        from = null;
        return null;
    }

    private static string Describe(RawSettings from, string envName, string yamlKey) =>
        from.IsEnvironment ? $"Environment variable {envName}" : $"{yamlKey} in {from.Origin}";

    private static int KeyCount(RawSettings raw) =>
        (raw.PrivateKey is null ? 0 : 1) + (raw.CertificateThumbprint is null ? 0 : 1) + (raw.KeyVaultKeyId is null ? 0 : 1);

    private static System.Security.Cryptography.X509Certificates.StoreLocation ParseStoreLocation(string value, string where)
    {
        foreach (var location in new[]
        {
            System.Security.Cryptography.X509Certificates.StoreLocation.CurrentUser,
            System.Security.Cryptography.X509Certificates.StoreLocation.LocalMachine,
        })
        {
            if (string.Equals(value.Trim(), location.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return location;
            }
        }

        throw new OktaConfigurationException(ConfigurationProblem.SettingInvalid, $"{where} must be CurrentUser or LocalMachine.");
    }

    private static AuthorizationMode ParseMode(string value, string where)
    {
        var normalized = value.Trim().Replace("_", "").Replace("-", "");
        if (normalized.Equals("SSWS", StringComparison.OrdinalIgnoreCase))
        {
            return AuthorizationMode.Ssws;
        }

        if (normalized.Equals("PrivateKey", StringComparison.OrdinalIgnoreCase))
        {
            return AuthorizationMode.PrivateKey;
        }

        throw new OktaConfigurationException(ConfigurationProblem.AuthorizationModeInvalid,
            $"{where} must be SSWS (API token) or PrivateKey (OAuth service app); other Okta SDK modes (JWT, BearerToken) are not supported here.");
    }

    /// <summary>"environment (OrgUrl, ApiToken); /home/me/.okta/okta.yaml (Scopes)".</summary>
    private sealed class SourceList
    {
        private readonly List<(string Origin, List<string> Fields)> _entries = new();

        public void Add(string origin, string field)
        {
            foreach (var entry in _entries)
            {
                if (entry.Origin == origin)
                {
                    entry.Fields.Add(field);
                    return;
                }
            }

            _entries.Add((origin, new List<string> { field }));
        }

        public override string ToString() =>
            string.Join("; ", _entries.Select(e => $"{e.Origin} ({string.Join(", ", e.Fields)})"));
    }
}
