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
    /// <summary>An Azure Key Vault key id (OKTA_CLIENT_KEYVAULTKEYID, okta.client.keyVaultKeyId); set only when no other key is.</summary>
    public string? KeyVaultKeyId { get; set; }
    /// <summary>A certificate in the My store that holds the app's key (OKTA_CLIENT_CERTIFICATETHUMBPRINT).</summary>
    public string? CertificateThumbprint { get; set; }
    /// <summary>Where <see cref="CertificateThumbprint"/> is looked up; CurrentUser unless set.</summary>
    public System.Security.Cryptography.X509Certificates.StoreLocation CertificateStoreLocation { get; set; } =
        System.Security.Cryptography.X509Certificates.StoreLocation.CurrentUser;
    public int? MaxRetries { get; set; }
    public TimeSpan? RequestTimeout { get; set; }
    public int? MaxApiCapacity { get; set; }
    /// <summary>Where each value came from, for Get-OktaConnection and -Verbose ("parameter", "environment", "~/.okta/okta.yaml").</summary>
    public string Source { get; set; } = "";

    /// <summary>A hash of every value, so a cached connection can tell that the settings changed without keeping a secret.</summary>
    public string Fingerprint()
    {
        var text = string.Join("\n", OrgUrl, Mode, ApiToken, ClientId, string.Join(" ", Scopes), PrivateKey, PrivateKeyId,
            CertificateThumbprint, CertificateStoreLocation, KeyVaultKeyId,
            MaxRetries, RequestTimeout, MaxApiCapacity);
        using var sha = System.Security.Cryptography.SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Names the configured fields, never their secret values.</summary>
    public override string ToString() =>
        $"OrgUrl={OrgUrl?.GetLeftPart(UriPartial.Authority) ?? "(none)"}, Mode={Mode}, ApiToken={(ApiToken is null ? "(none)" : "(set)")}, " +
        $"ClientId={ClientId ?? "(none)"}, Scopes={Scopes.Count}, PrivateKey={(PrivateKey is null ? "(none)" : "(set)")}, " +
        $"CertificateThumbprint={CertificateThumbprint ?? "(none)"}, KeyVaultKeyId={KeyVaultKeyId ?? "(none)"}";
}
