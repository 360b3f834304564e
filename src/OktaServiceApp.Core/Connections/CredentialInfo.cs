namespace OktaServiceApp.Core.Connections;

/// <summary>What a connection authenticates as, without any secret: enough for Get-OktaConnection and -Verbose.</summary>
public sealed class CredentialInfo
{
    public CredentialInfo(string mode, string? clientId = null, IReadOnlyList<string>? scopes = null, string? keyId = null,
        DateTimeOffset? tokenExpiresOn = null)
    {
        Mode = mode ?? throw new ArgumentNullException(nameof(mode));
        ClientId = clientId;
        Scopes = scopes ?? Array.Empty<string>();
        KeyId = keyId;
        TokenExpiresOn = tokenExpiresOn;
    }

    /// <summary>"SSWS" (API token), "PrivateKey" (OAuth for Okta as a service app) or "None".</summary>
    public string Mode { get; }
    public string? ClientId { get; }
    public IReadOnlyList<string> Scopes { get; }
    /// <summary>The kid of the key that signs the app's assertions.</summary>
    public string? KeyId { get; }
    /// <summary>When the current access token expires; null before the first one.</summary>
    public DateTimeOffset? TokenExpiresOn { get; }
}
