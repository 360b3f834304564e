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
}

/// <summary>Okta SDK-style configuration: explicit values beat OKTA_CLIENT_* environment variables, which beat ~/.okta/okta.yaml.</summary>
public static class SettingsLoader
{
    /// <summary>Environment variables first, then the YAML file; explicit values are applied by the caller on top.</summary>
    public static OktaSettings Load(IDictionary<string, string?> environment, string? yamlPath) =>
        throw new NotImplementedException();

    /// <summary>The default YAML path: ~/.okta/okta.yaml.</summary>
    public static string DefaultYamlPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".okta", "okta.yaml");
}
