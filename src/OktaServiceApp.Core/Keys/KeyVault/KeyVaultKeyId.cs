using System.Text.RegularExpressions;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>
/// A Key Vault key identifier, https://{vault}.vault.azure.net/keys/{name}[/{version}]: https only, except http:// on loopback
/// (the emulators), the same rule as the Okta org URL, because the vault's access token travels with every call.
/// </summary>
public sealed class KeyVaultKeyId
{
    private const string Example = "https://my-vault.vault.azure.net/keys/okta-app/0123456789abcdef0123456789abcdef";

    private static readonly Regex s_name = new("^[0-9A-Za-z-]{1,127}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_version = new("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant);

    private KeyVaultKeyId(Uri vault, string name, string? version)
    {
        Vault = vault;
        Name = name;
        Version = version;
    }

    /// <summary>scheme://host[:port] of the vault, no path.</summary>
    public Uri Vault { get; }

    public string Name { get; }

    /// <summary>Null when the id names no version: the vault's current version is read at open time.</summary>
    public string? Version { get; }

    /// <summary>The audience of the vault's access tokens, from the vault's cloud.</summary>
    public string Resource
    {
        get
        {
            var host = Vault.Host.ToLowerInvariant();
            if (host.EndsWith(".managedhsm.azure.net", StringComparison.Ordinal))
            {
                return "https://managedhsm.azure.net";
            }

            if (host.EndsWith(".vault.azure.cn", StringComparison.Ordinal))
            {
                return "https://vault.azure.cn";
            }

            return host.EndsWith(".vault.usgovcloudapi.net", StringComparison.Ordinal)
                ? "https://vault.usgovcloudapi.net"
                : "https://vault.azure.net";
        }
    }

    /// <summary>{vault}/keys/{name}[/{version}], as Key Vault writes kids.</summary>
    public override string ToString() =>
        Vault.GetLeftPart(UriPartial.Authority) + "/keys/" + Name + (Version is null ? "" : "/" + Version);

    /// <summary>Refuses anything that is not a key id on an https vault (or an http loopback one) with
    /// <see cref="KeyProblem.KeyVaultKeyIdInvalid"/>.</summary>
    public static KeyVaultKeyId Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw Invalid("it is empty");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw Invalid("it is not an absolute URL");
        }

        var loopback = uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            throw Invalid($"'{uri.Scheme}://' is not allowed: Key Vault is reached over https:// only (http:// only on loopback)");
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid("it has a user name, query or fragment");
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length is < 2 or > 3 || !string.Equals(segments[0], "keys", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("its path is not /keys/{name}/{version}");
        }

        if (!s_name.IsMatch(segments[1]))
        {
            throw Invalid("the key name is not 1 to 127 letters, digits and dashes");
        }

        string? version = null;
        if (segments.Length == 3)
        {
            if (!s_version.IsMatch(segments[2]))
            {
                throw Invalid("the key version is not 32 hexadecimal characters");
            }

            version = segments[2].ToLowerInvariant();
        }

        return new KeyVaultKeyId(new Uri(uri.GetLeftPart(UriPartial.Authority), UriKind.Absolute), segments[1], version);
    }

    /// <summary>True when <paramref name="kid"/> (as the vault answered it) names a key of the same vault.</summary>
    internal bool SameVault(KeyVaultKeyId other) =>
        Uri.Compare(Vault, other.Vault, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0 &&
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    private static KeyException Invalid(string why) =>
        new(KeyProblem.KeyVaultKeyIdInvalid, $"The Key Vault key id is not valid: {why}. Give the key's id, e.g. {Example}.");
}
