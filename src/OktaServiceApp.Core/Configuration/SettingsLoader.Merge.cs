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
        // The key is one choice: a source that names any key (text or certificate) decides it whole, so a certificate in the
        // environment is never paired with a privateKey left in okta.yaml.
        var keyFrom = HasKey(env) ? env : yaml is not null && HasKey(yaml) ? yaml : null;
        settings.PrivateKey = Pick(keyFrom == env ? env.PrivateKey : null, keyFrom == yaml ? yaml?.PrivateKey : null, env, yaml,
            "PrivateKey", sources, out _);
        settings.PrivateKeyId = Pick(env.PrivateKeyId, yaml?.PrivateKeyId, env, yaml, "PrivateKeyId", sources, out _);
        settings.CertificateThumbprint = Pick(keyFrom == env ? env.CertificateThumbprint : null,
            keyFrom == yaml ? yaml?.CertificateThumbprint : null, env, yaml, "CertificateThumbprint", sources, out var thumbprintSource);
        if (settings.PrivateKey is not null && settings.CertificateThumbprint is not null)
        {
            throw new OktaConfigurationException(ConfigurationProblem.SettingInvalid,
                $"{Describe(thumbprintSource!, EnvPrivateKey, "okta.client.privateKey")} and " +
                $"{Describe(thumbprintSource!, EnvCertificateThumbprint, "okta.client.certificateThumbprint")} are both set; set only one key.");
        }

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
                (settings.PrivateKey is not null || settings.CertificateThumbprint is not null)
                ? AuthorizationMode.PrivateKey
                : AuthorizationMode.Ssws;
        }

        settings.Source = sources.ToString();
        return settings;
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

    private static bool HasKey(RawSettings raw) => raw.PrivateKey is not null || raw.CertificateThumbprint is not null;

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
