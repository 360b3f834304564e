namespace OktaServiceApp.Core.Configuration;

/// <summary>Okta SDK-style configuration: explicit values beat OKTA_CLIENT_* environment variables, which beat ~/.okta/okta.yaml.</summary>
/// <remarks>Reading happens here (environment) and in <see cref="YamlSettingsReader"/> (the file); precedence and
/// validation in SettingsLoader.Merge.cs.</remarks>
public static partial class SettingsLoader
{
    internal const string EnvOrgUrl = "OKTA_CLIENT_ORGURL";
    internal const string EnvToken = "OKTA_CLIENT_TOKEN";
    internal const string EnvMode = "OKTA_CLIENT_AUTHORIZATIONMODE";
    internal const string EnvClientId = "OKTA_CLIENT_CLIENTID";
    internal const string EnvScopes = "OKTA_CLIENT_SCOPES";
    internal const string EnvPrivateKey = "OKTA_CLIENT_PRIVATEKEY";
    internal const string EnvPrivateKeyId = "OKTA_CLIENT_PRIVATEKEYID";
    internal const string EnvKeyVaultKeyId = "OKTA_CLIENT_KEYVAULTKEYID";
    internal const string EnvCertificateThumbprint = "OKTA_CLIENT_CERTIFICATETHUMBPRINT";
    internal const string EnvCertificateStoreLocation = "OKTA_CLIENT_CERTIFICATESTORELOCATION";
    internal const string EnvMaxRetries = "OKTA_CLIENT_RATELIMIT_MAXRETRIES";
    internal const string EnvRequestTimeout = "OKTA_CLIENT_REQUESTTIMEOUT";
    internal const string EnvMaxApiCapacity = "OKTA_CLIENT_MAXAPICAPACITY";

    /// <summary>Environment variables first, then the YAML file; explicit values are applied by the caller on top.</summary>
    public static OktaSettings Load(IDictionary<string, string?> environment, string? yamlPath)
    {
        var env = new RawSettings("environment");
        if (environment is not null)
        {
            env.OrgUrl = Env(environment, EnvOrgUrl);
            env.Token = Env(environment, EnvToken);
            env.Mode = Env(environment, EnvMode);
            env.ClientId = Env(environment, EnvClientId);
            env.Scopes = Env(environment, EnvScopes) is { } scopes ? SplitScopes(scopes) : null;
            env.PrivateKey = Env(environment, EnvPrivateKey, trim: false);
            env.PrivateKeyId = Env(environment, EnvPrivateKeyId);
            env.KeyVaultKeyId = Env(environment, EnvKeyVaultKeyId);
            env.CertificateThumbprint = Env(environment, EnvCertificateThumbprint);
            env.CertificateStoreLocation = Env(environment, EnvCertificateStoreLocation);
            env.MaxRetries = Env(environment, EnvMaxRetries);
            env.RequestTimeout = Env(environment, EnvRequestTimeout);
            env.MaxApiCapacity = Env(environment, EnvMaxApiCapacity);
        }

        var yaml = yamlPath is { Length: > 0 } ? YamlSettingsReader.Read(yamlPath) : null;
        return Merge(env, yaml);
    }

    /// <summary>OKTA_CLIENT_* variables over ~/.okta/okta.yaml: what a runbook without Connect-Okta is configured with.</summary>
    public static OktaSettings LoadFromProcess() => Load(ReadProcessEnvironment(), DefaultYamlPath);

    /// <summary>The process's OKTA_CLIENT_* variables, names upper-cased.</summary>
    public static IDictionary<string, string?> ReadProcessEnvironment()
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith("OKTA_CLIENT_", StringComparison.OrdinalIgnoreCase))
            {
                map[name.ToUpperInvariant()] = entry.Value as string;
            }
        }

        return map;
    }

    /// <summary>The default YAML path: ~/.okta/okta.yaml.</summary>
    public static string DefaultYamlPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".okta", "okta.yaml");

    internal static IReadOnlyList<string> SplitScopes(string value)
    {
        var scopes = new List<string>();
        foreach (var part in value.Split(new[] { ',', ' ', '\t', '\r', '\n', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var scope = part.Trim();
            if (scope.Length > 0 && !scopes.Contains(scope, StringComparer.Ordinal))
            {
                scopes.Add(scope);
            }
        }

        return scopes;
    }

    private static string? Env(IDictionary<string, string?> environment, string name, bool trim = true)
    {
        if (!environment.TryGetValue(name, out var value))
        {
            // Windows environment names are case-insensitive.
            foreach (var pair in environment)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = pair.Value;
                    break;
                }
            }
        }

        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        return trim ? trimmed : value;
    }
}
