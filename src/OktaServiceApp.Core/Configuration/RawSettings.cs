namespace OktaServiceApp.Core.Configuration;

/// <summary>The settings one source (the environment or a YAML file) gave, still as text: parsing and precedence come
/// later, so an error can name the source of the bad value.</summary>
internal sealed class RawSettings
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
    /// <summary>An Azure Key Vault key id: the key signs in the vault instead of being held here.</summary>
    public string? KeyVaultKeyId;
    public string? CertificateThumbprint;
    public string? CertificateStoreLocation;
    public string? MaxRetries;
    public string? RequestTimeout;
    public string? MaxApiCapacity;
}
