using System.Text.Json;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>Turns a Key Vault error answer ({"error":{"code","message","innererror"}}) into a <see cref="KeyException"/> whose
/// message names the fix. Vault messages hold no secrets; the token is never part of any.</summary>
internal static class KeyVaultErrors
{
    private const int MaxVaultMessage = 200;

    /// <param name="signing">True for POST …/sign, false for reading the key.</param>
    public static KeyException From(KeyVaultAnswer answer, KeyVaultKeyId key, bool signing, KeyVaultCredential credential)
    {
        var (code, inner, message) = Read(answer.Body);
        var said = code is null ? $"HTTP {answer.Status}" : $"HTTP {answer.Status} {code}{(inner is null ? "" : "/" + inner)}";
        var vaultSays = message is null ? "" : $" Key Vault says: {message}";
        var action = signing ? "sign with" : "read";
        switch (answer.Status)
        {
            case 401:
                var audience = message?.IndexOf("AKV10022", StringComparison.Ordinal) >= 0 ||
                    message?.IndexOf("audience", StringComparison.OrdinalIgnoreCase) >= 0;
                var fix = audience
                    ? $"The token is for another resource: get one for {key.Resource}, e.g. Get-AzAccessToken -ResourceUrl {key.Resource} -AsSecureString."
                    : credential.CanRefresh
                        ? $"A fresh token from {credential.Description} was refused too: check that it belongs to the vault's tenant."
                        : $"Pass a current token for {key.Resource} (tokens expire after about an hour), e.g. Get-AzAccessToken -ResourceUrl {key.Resource} -AsSecureString.";
                return new KeyException(KeyProblem.KeyVaultUnauthorized,
                    $"Key Vault {key.Vault.Host} refused {credential.Description} ({said}). {fix}{vaultSays}");
            case 403 when string.Equals(inner, "KeyDisabled", StringComparison.OrdinalIgnoreCase):
                return new KeyException(KeyProblem.KeyVaultKeyUnusable,
                    $"The Key Vault key {key} is disabled ({said}). Enable it (Update-AzKeyVaultKey -Enable $true) or use another version.");
            case 403:
                return new KeyException(KeyProblem.KeyVaultForbidden,
                    $"{Capitalize(credential.Description)} may not {action} the Key Vault key {key} ({said}). Grant it the " +
                    "'Key Vault Crypto User' role on the vault or the key (or, on a vault with access policies, the key permissions " +
                    $"get and sign).{vaultSays}");
            case 404:
                return new KeyException(KeyProblem.KeyVaultKeyNotFound,
                    $"Key Vault {key.Vault.Host} has no key '{key.Name}'{(key.Version is null ? "" : $" with version {key.Version}")} ({said}). " +
                    "Check the key name and version (Get-AzKeyVaultKey -VaultName <vault> -Name <name> -IncludeVersions lists them).");
            case 429:
            case 503:
                return new KeyException(KeyProblem.KeyVaultThrottled,
                    $"Key Vault {key.Vault.Host} kept refusing to {action} the key ({said}) after the retries. Try again later, " +
                    "or make fewer calls: one token request costs one signature.");
            case >= 400 and < 500:
                return new KeyException(KeyProblem.KeyVaultBadRequest,
                    $"Key Vault {key.Vault.Host} refused to {action} the key {key} ({said}).{vaultSays}");
            default:
                return new KeyException(KeyProblem.KeyVaultUnavailable,
                    $"Key Vault {key.Vault.Host} failed to {action} the key {key} ({said}). Try again later.{vaultSays}");
        }
    }

    private static (string? Code, string? Inner, string? Message) Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var inner = error.TryGetProperty("innererror", out var innerError) && innerError.ValueKind == JsonValueKind.Object
                ? Text(innerError, "code")
                : null;
            return (Text(error, "code"), inner, Shorten(Text(error, "message")));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The first line, bounded: Key Vault's 403 text runs over several lines of caller and assignment details.</summary>
    private static string? Shorten(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var line = message!.Split('\r', '\n').First(l => l.Trim().Length > 0).Trim();
        return line.Length <= MaxVaultMessage ? line : line.Substring(0, MaxVaultMessage) + "…";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
