using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OktaServiceApp.Core.Sharing;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>
/// A managed identity's Key Vault token: from IDENTITY_ENDPOINT with X-IDENTITY-HEADER (api-version 2019-08-01), else from the
/// instance metadata service with Metadata: true (api-version 2018-02-01). Tokens are shared by every credential given the
/// same <see cref="IdentityTokenCache"/> with the same endpoint and resource, and reused until <see cref="RefreshMargin"/>
/// before expires_on.
/// </summary>
internal sealed class ManagedIdentityCredential : KeyVaultCredential
{
    /// <summary>A token is replaced this long before it expires, as Azure's own libraries do.</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan s_imdsTimeout = TimeSpan.FromSeconds(10);

    private readonly IdentityTokenCache _cache;
    private readonly ManagedIdentityOptions _options;

    public ManagedIdentityCredential(IdentityTokenCache cache, ManagedIdentityOptions options)
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public override string Description => _options.IdentityEndpoint is not null
        ? "the managed identity (IDENTITY_ENDPOINT)"
        : $"the managed identity (instance metadata service {_options.ImdsEndpoint.GetLeftPart(UriPartial.Authority)})";

    internal override bool CanRefresh => true;

    /// <summary>The clock expiry is read against (tests move it).</summary>
    internal Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    internal override async Task<string> GetTokenAsync(string resource, bool refresh, KeyVaultTransport transport,
        CancellationToken cancellationToken)
    {
        var cacheKey = CacheKey(resource);
        if (!refresh && _cache.TryGet(cacheKey, out var cached, out var expiresOn) && expiresOn - RefreshMargin > Clock())
        {
            return cached;
        }

        var token = await RequestAsync(resource, transport, cancellationToken).ConfigureAwait(false);
        _cache.Set(cacheKey, token.Value, token.ExpiresOn);
        return token.Value;
    }

    private async Task<CachedToken> RequestAsync(string resource, KeyVaultTransport transport, CancellationToken cancellationToken)
    {
        var appService = _options.IdentityEndpoint;
        KeyVaultAnswer answer;
        if (appService is not null)
        {
            var url = WithQuery(appService, "api-version=2019-08-01&resource=" + Uri.EscapeDataString(resource));
            answer = await transport.SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("X-IDENTITY-HEADER", _options.IdentityHeader);
                return request;
            }, identity: true, KeyProblem.ManagedIdentityUnavailable, "The managed identity endpoint (IDENTITY_ENDPOINT)",
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var url = new Uri(_options.ImdsEndpoint, "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=" + Uri.EscapeDataString(resource));
            try
            {
                // Off Azure nothing answers at the metadata address: one short try, no retries of the silence.
                answer = await transport.SendAsync(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.TryAddWithoutValidation("Metadata", "true");
                    return request;
                }, identity: true, KeyProblem.ManagedIdentityUnavailable, "The instance metadata service", cancellationToken,
                    s_imdsTimeout, retryUnanswered: false).ConfigureAwait(false);
            }
            catch (KeyException e) when (e.Problem == KeyProblem.ManagedIdentityUnavailable)
            {
                throw new KeyException(KeyProblem.ManagedIdentityUnavailable,
                    $"No managed identity here: IDENTITY_ENDPOINT and IDENTITY_HEADER are not set and the instance metadata service at " +
                    $"{_options.ImdsEndpoint.GetLeftPart(UriPartial.Authority)} did not answer. Run where Azure gives a managed identity " +
                    "(Automation, App Service, a VM), or pass -KeyVaultAccessToken.", e);
            }
        }

        if (!answer.IsSuccess)
        {
            throw new KeyException(KeyProblem.ManagedIdentityUnavailable,
                $"{Description} gave no token for {resource} (HTTP {answer.Status}{ErrorCode(answer.Body)}). " +
                "Check that the identity is enabled for this resource" +
                (appService is not null ? " and that IDENTITY_HEADER is the one Azure set." : "."));
        }

        return Parse(answer.Body, resource);
    }

    private CachedToken Parse(string body, string resource)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("access_token", out var value) &&
                value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } token)
            {
                return new CachedToken(token, ExpiresOn(root));
            }
        }
        catch (JsonException)
        {
        }

        throw new KeyException(KeyProblem.ManagedIdentityUnavailable,
            $"{Description} answered without an access_token for {resource}.");
    }

    /// <summary>expires_on in epoch seconds (a string or a number; older endpoints wrote a date), else now + expires_in, else
    /// nothing cached beyond this use.</summary>
    private DateTimeOffset ExpiresOn(JsonElement root)
    {
        if (root.TryGetProperty("expires_on", out var on))
        {
            var text = on.ValueKind == JsonValueKind.Number ? on.GetRawText() : on.ValueKind == JsonValueKind.String ? on.GetString() : null;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                return DateTimeOffset.FromUnixTimeSeconds(epoch);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                return date;
            }
        }

        if (root.TryGetProperty("expires_in", out var inSeconds))
        {
            var text = inSeconds.ValueKind == JsonValueKind.Number ? inSeconds.GetRawText() : inSeconds.ValueKind == JsonValueKind.String ? inSeconds.GetString() : null;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return Clock() + TimeSpan.FromSeconds(seconds);
            }
        }

        return Clock();
    }

    /// <summary>" invalid_request" from an OAuth-style error body; only a plain code, never free text that could echo input.</summary>
    private static string ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) &&
                error.ValueKind == JsonValueKind.String && error.GetString() is { Length: > 0 and <= 64 } code &&
                code.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                return ", " + code;
            }
        }
        catch (JsonException)
        {
        }

        return "";
    }

    private string CacheKey(string resource)
    {
        // The header is a secret: only its hash goes into the key.
        using var sha = SHA256.Create();
        var header = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(_options.IdentityHeader ?? "")));
        return string.Join("\n", _options.IdentityEndpoint?.AbsoluteUri ?? _options.ImdsEndpoint.AbsoluteUri, header, resource);
    }

    private static Uri WithQuery(Uri endpoint, string query)
    {
        var builder = new UriBuilder(endpoint);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query : existing + "&" + query;
        return builder.Uri;
    }

    private sealed class CachedToken
    {
        public CachedToken(string value, DateTimeOffset expiresOn)
        {
            Value = value;
            ExpiresOn = expiresOn;
        }

        public string Value { get; }
        public DateTimeOffset ExpiresOn { get; }
    }
}
