using System.Collections;
using System.Security.Cryptography;
using System.Text;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>Wires settings into an OktaClient with the right credentials. No HTTP happens here.</summary>
internal static class ConnectionFactory
{
    public static OktaConnection Create(OktaSettings settings, SigningKey? key = null)
    {
        if (settings.OrgUrl is null)
        {
            throw NotConnected();
        }

        var options = new OktaClientOptions(settings.OrgUrl);
        if (settings.MaxRetries is int retries)
        {
            options.MaxRetries = retries;
        }

        if (settings.RequestTimeout is TimeSpan timeout)
        {
            options.RequestTimeout = timeout;
        }

        if (settings.MaxApiCapacity is int capacity)
        {
            options.MaxApiCapacity = capacity;
        }

        IOktaCredentials credentials;
        if (settings.Mode == AuthorizationMode.PrivateKey)
        {
            if (string.IsNullOrWhiteSpace(settings.ClientId))
            {
                throw new OktaConfigurationException(ConfigurationProblem.ClientIdMissing,
                    "PrivateKey mode needs a client id: pass -ClientId or set OKTA_CLIENT_CLIENTID.");
            }

            if (settings.Scopes.Count == 0)
            {
                throw new OktaConfigurationException(ConfigurationProblem.ScopesMissing,
                    "PrivateKey mode needs the scopes to ask for: pass -Scope or set OKTA_CLIENT_SCOPES.");
            }

            key ??= ReadKey(settings);
            credentials = new OAuthCredentials(new TokenClient(options), settings.ClientId!, key, settings.Scopes);
        }
        else
        {
            if (string.IsNullOrEmpty(settings.ApiToken))
            {
                throw new OktaConfigurationException(ConfigurationProblem.ApiTokenMissing,
                    $"No API token for {OrgUrl.ToIssuer(settings.OrgUrl)}: pass -ApiToken to Connect-Okta or set OKTA_CLIENT_TOKEN.");
            }

            credentials = new SswsCredentials(settings.ApiToken!);
        }

        return new OktaConnection(new OktaClient(options, credentials), settings.Source);
    }

    /// <summary>The settings of OKTA_CLIENT_* variables over ~/.okta/okta.yaml, before any parameter is applied.</summary>
    public static OktaSettings LoadSettings() => SettingsLoader.Load(ReadEnvironment(), SettingsLoader.DefaultYamlPath);

    /// <summary>The connection from OKTA_CLIENT_* variables and ~/.okta/okta.yaml, rebuilt only when they change.</summary>
    public static OktaConnection FromEnvironment()
    {
        var settings = LoadSettings();
        if (settings.OrgUrl is null)
        {
            throw NotConnected();
        }

        var fingerprint = Fingerprint(settings);
        if (OktaSession.Ambient is { } ambient && ambient.Fingerprint == fingerprint)
        {
            return ambient.Connection;
        }

        var connection = Create(settings);
        OktaSession.Ambient = (fingerprint, connection);
        return connection;
    }

    public static OktaConfigurationException NotConnected() => new(ConfigurationProblem.NotConnected,
        "Not connected to Okta. Run Connect-Okta -OrgUrl https://your-org.okta.com -ApiToken (Read-Host -AsSecureString), " +
        "or set the OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN environment variables.");

    /// <summary>OKTA_CLIENT_PRIVATEKEY and okta.yaml's privateKey hold PEM text, JWK JSON, or a path to either.</summary>
    public static SigningKey ReadKey(OktaSettings settings)
    {
        var value = settings.PrivateKey?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new OktaConfigurationException(ConfigurationProblem.PrivateKeyMissing,
                "PrivateKey mode needs the app's private key: pass -PrivateKeyPath or -Jwks, or set OKTA_CLIENT_PRIVATEKEY.");
        }

        return value!.StartsWith("-----BEGIN", StringComparison.Ordinal) || value.StartsWith("{", StringComparison.Ordinal)
            ? SigningKey.Import(value, keyId: settings.PrivateKeyId)
            : KeyFile.Read(value, keyId: settings.PrivateKeyId);
    }

    // The OKTA_CLIENT_* variables, upper-cased names.
    private static Dictionary<string, string?> ReadEnvironment()
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith("OKTA_CLIENT_", StringComparison.OrdinalIgnoreCase))
            {
                map[name.ToUpperInvariant()] = entry.Value as string;
            }
        }

        return map;
    }

    // Hashes, so that the cache key itself holds no secret.
    private static string Fingerprint(OktaSettings s)
    {
        var text = string.Join("\n", s.OrgUrl, s.Mode, s.ApiToken, s.ClientId, string.Join(" ", s.Scopes), s.PrivateKey,
            s.PrivateKeyId, s.MaxRetries, s.RequestTimeout, s.MaxApiCapacity);
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}
