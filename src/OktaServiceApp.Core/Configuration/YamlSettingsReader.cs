using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OktaServiceApp.Core.Configuration;

/// <summary>Reads the okta.client section of an Okta SDK okta.yaml file into <see cref="RawSettings"/>.</summary>
internal static class YamlSettingsReader
{
    /// <summary>Null when the file does not exist; throws ConfigFileInvalid when it exists but cannot be used.</summary>
    public static RawSettings? Read(string path)
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
        raw.KeyVaultKeyId = Scalar(map, path, "keyVaultKeyId");
        raw.CertificateThumbprint = Scalar(map, path, "certificateThumbprint");
        raw.CertificateStoreLocation = Scalar(map, path, "certificateStoreLocation");
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
                raw.Scopes = scalar.Value is { } text2 ? SettingsLoader.SplitScopes(text2) : null;
                break;
            case YamlSequenceNode sequence:
                var scopes = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode { Value: { } value })
                    {
                        throw FileInvalid(path, "'okta.client.scopes' must be a list of scope names");
                    }

                    foreach (var scope in SettingsLoader.SplitScopes(value))
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
}
