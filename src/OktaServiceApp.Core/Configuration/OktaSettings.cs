using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OktaServiceApp.Core.Configuration;

public enum AuthorizationMode
{
    Ssws,
    PrivateKey,
}

/// <summary>Everything needed to talk to an org, after precedence is applied. Secrets stay as given; callers never print them.</summary>
public sealed class OktaSettings
{
    public Uri? OrgUrl { get; set; }
    public AuthorizationMode Mode { get; set; } = AuthorizationMode.Ssws;
    public string? ApiToken { get; set; }
    public string? ClientId { get; set; }
    public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();
    /// <summary>PEM text, JWK JSON, or a path to either.</summary>
    public string? PrivateKey { get; set; }
    public string? PrivateKeyId { get; set; }
    public int? MaxRetries { get; set; }
    public TimeSpan? RequestTimeout { get; set; }
    public int? MaxApiCapacity { get; set; }
    /// <summary>Where each value came from, for Get-OktaConnection and -Verbose ("parameter", "environment", "~/.okta/okta.yaml").</summary>
    public string Source { get; set; } = "";

    /// <summary>Names the configured fields, never their secret values.</summary>
    public override string ToString() =>
        $"OrgUrl={OrgUrl?.GetLeftPart(UriPartial.Authority) ?? "(none)"}, Mode={Mode}, ApiToken={(ApiToken is null ? "(none)" : "(set)")}, " +
        $"ClientId={ClientId ?? "(none)"}, Scopes={Scopes.Count}, PrivateKey={(PrivateKey is null ? "(none)" : "(set)")}";
}

/// <summary>Okta SDK-style configuration: explicit values beat OKTA_CLIENT_* environment variables, which beat ~/.okta/okta.yaml.</summary>
public static class SettingsLoader
{
    internal const string EnvOrgUrl = "OKTA_CLIENT_ORGURL";
    internal const string EnvToken = "OKTA_CLIENT_TOKEN";
    internal const string EnvMode = "OKTA_CLIENT_AUTHORIZATIONMODE";
    internal const string EnvClientId = "OKTA_CLIENT_CLIENTID";
    internal const string EnvScopes = "OKTA_CLIENT_SCOPES";
    internal const string EnvPrivateKey = "OKTA_CLIENT_PRIVATEKEY";
    internal const string EnvPrivateKeyId = "OKTA_CLIENT_PRIVATEKEYID";
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
            env.MaxRetries = Env(environment, EnvMaxRetries);
            env.RequestTimeout = Env(environment, EnvRequestTimeout);
            env.MaxApiCapacity = Env(environment, EnvMaxApiCapacity);
        }

        var yaml = yamlPath is { Length: > 0 } ? ReadYaml(yamlPath) : null;
        return Merge(env, yaml);
    }

    /// <summary>The default YAML path: ~/.okta/okta.yaml.</summary>
    public static string DefaultYamlPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".okta", "okta.yaml");

    // ---- merge -----------------------------------------------------------------------------------------------------

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
        settings.PrivateKey = Pick(env.PrivateKey, yaml?.PrivateKey, env, yaml, "PrivateKey", sources, out _);
        settings.PrivateKeyId = Pick(env.PrivateKeyId, yaml?.PrivateKeyId, env, yaml, "PrivateKeyId", sources, out _);

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
            settings.MaxRetries = ParseInt(retries, 0, 100,
                Describe(retriesSource!, EnvMaxRetries, "okta.client.rateLimit.maxRetries"), "a whole number from 0 to 100");
        }

        var timeout = Pick(env.RequestTimeout, yaml?.RequestTimeout, env, yaml, "RequestTimeout", sources, out var timeoutSource);
        if (timeout is not null)
        {
            settings.RequestTimeout = ParseSeconds(timeout,
                Describe(timeoutSource!, EnvRequestTimeout, "okta.client.requestTimeout"));
        }

        var capacity = Pick(env.MaxApiCapacity, yaml?.MaxApiCapacity, env, yaml, "MaxApiCapacity", sources, out var capacitySource);
        if (capacity is not null)
        {
            settings.MaxApiCapacity = ParseInt(capacity, 1, 100,
                Describe(capacitySource!, EnvMaxApiCapacity, "okta.client.maxApiCapacity"), "a percentage from 1 to 100");
        }

        var mode = Pick(env.Mode, yaml?.Mode, env, yaml, "Mode", sources, out var modeSource);
        if (mode is not null)
        {
            settings.Mode = ParseMode(mode, Describe(modeSource!, EnvMode, "okta.client.authorizationMode"));
        }
        else
        {
            settings.Mode = settings.ApiToken is null && settings.ClientId is not null && settings.PrivateKey is not null
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

    private static int ParseInt(string value, int min, int max, string where, string expected)
    {
        if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) &&
            number >= min && number <= max)
        {
            return number;
        }

        throw new OktaConfigurationException(ConfigurationProblem.SettingInvalid,
            $"{where} must be {expected}; it is '{Shorten(value)}'.");
    }

    private static TimeSpan ParseSeconds(string value, string where)
    {
        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) &&
            seconds >= 0 && seconds <= 86400 && !double.IsNaN(seconds))
        {
            // 0 means no timeout, as in the Okta SDKs.
            return TimeSpan.FromSeconds(seconds);
        }

        throw new OktaConfigurationException(ConfigurationProblem.SettingInvalid,
            $"{where} must be a number of seconds from 0 (no timeout) to 86400; it is '{Shorten(value)}'.");
    }

    private static string Shorten(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length > 20 ? trimmed.Substring(0, 20) + "..." : trimmed;
    }

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

    // ---- YAML ------------------------------------------------------------------------------------------------------

    private static RawSettings? ReadYaml(string path)
    {
        if (Directory.Exists(path))
        {
            throw FileInvalid(path, "it is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FileInvalid(path, "it cannot be read (" + ex.GetType().Name + ")");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            // YamlDotNet messages can quote the offending text, which may be a key or token: only the position is reported.
            throw FileInvalid(path, $"it is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column})");
        }

        var raw = new RawSettings(path);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return raw;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw FileInvalid(path, "its top level is not a mapping with an 'okta:' key");
        }

        var okta = Child(root, "okta");
        if (okta is null)
        {
            return raw;
        }

        if (okta is not YamlMappingNode oktaMap)
        {
            throw FileInvalid(path, "'okta' is not a mapping with a 'client:' key");
        }

        var client = Child(oktaMap, "client");
        if (client is null)
        {
            return raw;
        }

        if (client is not YamlMappingNode map)
        {
            throw FileInvalid(path, "'okta.client' is not a mapping");
        }

        raw.OrgUrl = Scalar(map, path, "orgUrl") ?? Scalar(map, path, "oktaDomain");
        raw.Token = Scalar(map, path, "token");
        raw.Mode = Scalar(map, path, "authorizationMode");
        raw.ClientId = Scalar(map, path, "clientId");
        raw.PrivateKeyId = Scalar(map, path, "privateKeyId") ?? Scalar(map, path, "keyId");
        raw.RequestTimeout = Scalar(map, path, "requestTimeout");
        raw.MaxApiCapacity = Scalar(map, path, "maxApiCapacity");

        switch (Child(map, "privateKey"))
        {
            case null:
                break;
            case YamlScalarNode scalar:
                raw.PrivateKey = scalar.Value is { } key && key.Trim().Length > 0 ? key : null;
                break;
            case YamlMappingNode jwk:
                // The .NET SDK style: a JWK written as a YAML mapping.
                raw.PrivateKey = ToJson(jwk, path);
                break;
            default:
                throw FileInvalid(path, "'okta.client.privateKey' must be PEM text, a JWK or a file path");
        }

        switch (Child(map, "scopes"))
        {
            case null:
                break;
            case YamlScalarNode scalar:
                raw.Scopes = scalar.Value is { } text2 ? SplitScopes(text2) : null;
                break;
            case YamlSequenceNode sequence:
                var scopes = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode { Value: { } value })
                    {
                        throw FileInvalid(path, "'okta.client.scopes' must be a list of scope names");
                    }

                    foreach (var scope in SplitScopes(value))
                    {
                        if (!scopes.Contains(scope, StringComparer.Ordinal))
                        {
                            scopes.Add(scope);
                        }
                    }
                }

                raw.Scopes = scopes;
                break;
            default:
                throw FileInvalid(path, "'okta.client.scopes' must be a list of scope names");
        }

        switch (Child(map, "rateLimit"))
        {
            case null:
                break;
            case YamlMappingNode rateLimit:
                raw.MaxRetries = Scalar(rateLimit, path, "maxRetries");
                break;
            default:
                throw FileInvalid(path, "'okta.client.rateLimit' must be a mapping with 'maxRetries'");
        }

        return raw;
    }

    private static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var pair in map.Children)
        {
            if (pair.Key is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static string? Scalar(YamlMappingNode map, string path, string key)
    {
        var node = Child(map, key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                var value = scalar.Value?.Trim();
                if (value is null || value.Length == 0 ||
                    (scalar.Style == ScalarStyle.Plain && value is "~" or "null" or "Null" or "NULL"))
                {
                    return null;
                }

                return value;
            default:
                throw FileInvalid(path, $"'okta.client.{key}' must be a single value");
        }
    }

    private static string ToJson(YamlMappingNode map, string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in map.Children)
            {
                if (pair.Key is not YamlScalarNode { Value: { } name } || pair.Value is not YamlScalarNode { Value: { } value })
                {
                    throw FileInvalid(path, "'okta.client.privateKey' as a mapping must hold JWK members with single values");
                }

                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static OktaConfigurationException FileInvalid(string path, string why) =>
        new(ConfigurationProblem.ConfigFileInvalid,
            $"The Okta configuration file '{path}' cannot be used: {why}. Fix it, or move it away and pass the settings as parameters.");

    private sealed class RawSettings
    {
        public RawSettings(string origin)
        {
            Origin = origin;
        }

        public string Origin { get; }
        public bool IsEnvironment => Origin == "environment";
        public string? OrgUrl;
        public string? Token;
        public string? Mode;
        public string? ClientId;
        public IReadOnlyList<string>? Scopes;
        public string? PrivateKey;
        public string? PrivateKeyId;
        public string? MaxRetries;
        public string? RequestTimeout;
        public string? MaxApiCapacity;
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
