using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Jwt;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Tokens;

/// <summary>
/// client_credentials + private_key_jwt against {org}/oauth2/v1/token, with DPoP when the app needs it, and an in-memory cache
/// keyed by org, client, scope set and key thumbprint, reused until 5 minutes before expiry.
/// </summary>
public sealed class TokenClient
{
    /// <summary>Tokens are replaced this long before they expire.</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private const string TokenPath = "/oauth2/v1/token";
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static readonly ConcurrentDictionary<string, CacheEntry> s_cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_gates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte> s_dpopClients = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> s_nonces = new(StringComparer.OrdinalIgnoreCase);
    private static long s_tokenRequestsSent;

    private readonly OktaClientOptions _options;
    private readonly OktaClient _http;
    private readonly string _issuer;
    private readonly Uri _tokenUrl;

    /// <summary>Uses its own HTTP path (no SSWS credentials) but the same retry/rate-limit rules as OktaClient.</summary>
    public TokenClient(Http.OktaClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _http = new OktaClient(options, NoCredentials.Instance);
        _issuer = OrgUrl.ToIssuer(options.OrgUrl);
        _tokenUrl = new Uri(_issuer + TokenPath, UriKind.Absolute);
    }

    /// <summary>A new assertion (and DPoP proof) on every POST, retries included. Costs 1 POST for a Bearer app and at most
    /// 2 for a DPoP app whose need is known, 3 when it must be discovered.</summary>
    public async Task<AccessToken> GetAsync(string clientId, IJwsSigner key, IReadOnlyList<string> scopes, bool forceRefresh,
        CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var scopeSet = NormalizeScopes(scopes);
        var cacheKey = string.Join("\n", _issuer, id, string.Join(" ", scopeSet), key.Thumbprint);

        if (!forceRefresh && TryGetFresh(cacheKey, out var cached))
        {
            return cached;
        }

        s_cache.TryGetValue(cacheKey, out var seenBeforeWaiting);
        var gate = s_gates.GetOrAdd(cacheKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched (or force-refreshed) the token while this one waited.
            if (s_cache.TryGetValue(cacheKey, out var current) && IsFresh(current) &&
                (!forceRefresh || !ReferenceEquals(current, seenBeforeWaiting)))
            {
                return current.Token;
            }

            var token = await RequestAsync(id, key, scopeSet, cancellationToken).ConfigureAwait(false);
            s_cache[cacheKey] = new CacheEntry(token);
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>How many token POSTs this process has sent (for tests and the benchmark).</summary>
    public static long TokenRequestsSent => Interlocked.Read(ref s_tokenRequestsSent);

    /// <summary>Says that the app with this client id requires DPoP (e.g. it was created with -RequireDpop), so its token
    /// requests carry a DPoP proof from the first POST.</summary>
    public static void MarkRequiresDpop(string clientId)
    {
        s_dpopClients[UnknownOutcome.RequireId(clientId, nameof(clientId))] = 0;
    }

    /// <summary>True when this process knows the app requires DPoP (it made the app, or a token request found out).</summary>
    public static bool RequiresDpop(string clientId) => s_dpopClients.ContainsKey(clientId);

    internal static string? GetDpopNonce(Uri orgUrl) =>
        s_nonces.TryGetValue(OrgUrl.ToIssuer(orgUrl), out var nonce) ? nonce : null;

    internal static void RememberDpopNonce(Uri orgUrl, string? nonce)
    {
        if (nonce is { Length: > 0 })
        {
            s_nonces[OrgUrl.ToIssuer(orgUrl)] = nonce;
        }
    }

    internal Uri OrgUrlValue => _options.OrgUrl;

    internal OktaClientOptions Options => _options;

    /// <summary>The HTTP client of the token endpoint (tests replace its delay).</summary>
    internal OktaClient Http => _http;

    // ---- the token request -------------------------------------------------------------------------------------------

    private async Task<AccessToken> RequestAsync(string clientId, IJwsSigner key, IReadOnlyList<string> scopes,
        CancellationToken cancellationToken)
    {
        var dpopKey = RequiresDpop(clientId) ? DpopKey.Create() : null;
        var discovered = false;
        var nonceRetried = false;
        try
        {
            while (true)
            {
                try
                {
                    var response = await _http.SendAsync(BuildRequest(clientId, key, scopes, dpopKey), cancellationToken)
                        .ConfigureAwait(false);
                    RememberDpopNonce(_options.OrgUrl, response.DpopNonce);
                    var token = Parse(response, clientId, scopes, ref dpopKey);
                    return token;
                }
                catch (OktaApiException ex) when (ex.Kind is OktaErrorKind.BadRequest or OktaErrorKind.Unauthorized)
                {
                    RememberDpopNonce(_options.OrgUrl, ex.DpopNonce);
                    if (ex.OAuthError == "invalid_dpop_proof" && dpopKey is null && !discovered)
                    {
                        discovered = true;
                        MarkRequiresDpop(clientId);
                        dpopKey = DpopKey.Create();
                        OktaObserver.Verbose($"The app {clientId} requires DPoP; asking for a token again with a DPoP proof.");
                        continue;
                    }

                    if (ex.OAuthError == "use_dpop_nonce" && dpopKey is not null && !nonceRetried &&
                        GetDpopNonce(_options.OrgUrl) is not null)
                    {
                        nonceRetried = true;
                        OktaObserver.Verbose("Okta asked for a DPoP nonce; asking for a token again with the nonce.");
                        continue;
                    }

                    if (ex.OAuthError is "invalid_scope" or "consent_required")
                    {
                        throw ScopesNotGranted(ex, clientId, scopes);
                    }

                    throw;
                }
            }
        }
        catch
        {
            dpopKey?.Dispose();
            throw;
        }
    }

    // Okta says only that some scope is not granted; name the ones asked for and the command that fixes it.
    private static OktaApiException ScopesNotGranted(OktaApiException ex, string clientId, IReadOnlyList<string> scopes) =>
        new(ex.Kind,
            $"App {clientId} may not have the scopes it asked for ({string.Join(", ", scopes)}): {ex.OAuthErrorDescription ?? ex.OAuthError} " +
            $"Grant them with Grant-OktaScope -ClientId {clientId} -Scope {string.Join(", ", scopes)}, or ask only for granted scopes." +
            (ex.RequestId is null ? "" : $" (request id {ex.RequestId})"),
            ex)
        {
            StatusCode = ex.StatusCode,
            Method = ex.Method,
            Path = ex.Path,
            OAuthError = ex.OAuthError,
            OAuthErrorDescription = ex.OAuthErrorDescription,
            RequestId = ex.RequestId,
            ErrorCode = ex.ErrorCode,
            ErrorSummary = ex.ErrorSummary,
        };

    private OktaRequest BuildRequest(string clientId, IJwsSigner key, IReadOnlyList<string> scopes, DpopKey? dpopKey)
    {
        var scope = string.Join(" ", scopes);
        var audience = _tokenUrl.AbsoluteUri;
        return new OktaRequest(HttpMethod.Post, TokenPath)
        {
            // Issuing another token is harmless, so faults are retried; every attempt signs a new assertion and proof,
            // because Okta burns the jti of both even when it refuses the request.
            RetryFaults = true,
            AllowCredentialResend = false,
            ContentFactory = async ct =>
            {
                var assertion = await ClientAssertion.CreateAsync(key, clientId, audience, null, null, ct).ConfigureAwait(false);
                return new FormUrlEncodedContent(new[]
                {
                    new KeyValuePair<string, string>("grant_type", "client_credentials"),
                    new KeyValuePair<string, string>("scope", scope),
                    new KeyValuePair<string, string>("client_assertion_type", AssertionType),
                    new KeyValuePair<string, string>("client_assertion", assertion),
                });
            },
            OnAttempt = message =>
            {
                Interlocked.Increment(ref s_tokenRequestsSent);
                if (dpopKey is not null)
                {
                    message.Headers.TryAddWithoutValidation("DPoP",
                        dpopKey.CreateProof("POST", _tokenUrl, GetDpopNonce(_options.OrgUrl)));
                }
            },
        };
    }

    private AccessToken Parse(OktaResponse response, string clientId, IReadOnlyList<string> requested, ref DpopKey? dpopKey)
    {
        var json = response.ReadJson();
        if (json.ValueKind != JsonValueKind.Object || json.GetString("access_token") is not { Length: > 0 } value)
        {
            throw response.Malformed("a token response without access_token", null);
        }

        var type = json.GetString("token_type") ?? "Bearer";
        if (type.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            type = "Bearer";
            if (dpopKey is not null)
            {
                OktaObserver.Verbose($"Okta returned a Bearer token for {clientId} although a DPoP proof was sent.");
                dpopKey.Dispose();
                dpopKey = null;
            }
        }
        else if (type.Equals("DPoP", StringComparison.OrdinalIgnoreCase))
        {
            type = "DPoP";
            if (dpopKey is null)
            {
                throw response.Malformed("a DPoP token for a request without a DPoP proof", null);
            }
        }
        else
        {
            throw response.Malformed($"an unsupported token_type '{Shorten(type)}'", null);
        }

        var lifetime = TimeSpan.FromHours(1);
        if (json.TryGetProperty("expires_in", out var expires))
        {
            if (expires.ValueKind == JsonValueKind.Number && expires.TryGetDouble(out var seconds) && seconds > 0)
            {
                lifetime = TimeSpan.FromSeconds(seconds);
            }
            else if (expires.ValueKind == JsonValueKind.String &&
                     double.TryParse(expires.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) &&
                     seconds > 0)
            {
                lifetime = TimeSpan.FromSeconds(seconds);
            }
        }

        var granted = json.GetString("scope") is { } scopeText
            ? scopeText.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)
            : requested.ToArray();
        var missing = requested.Where(s => !granted.Contains(s, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            OktaObserver.Verbose(
                $"The token for {clientId} lacks requested scopes that are not granted to the app: {string.Join(", ", missing)}.");
        }

        var expiresOn = _options.Clock() + lifetime;
        OktaObserver.Verbose(
            $"Got a {type} access token for {clientId}, valid until {expiresOn.ToUniversalTime():u}, scopes: {string.Join(" ", granted)}.");
        return new AccessToken
        {
            Value = value,
            TokenType = type,
            Scopes = granted,
            ExpiresOn = expiresOn,
            ClientId = clientId,
            OrgUrl = _options.OrgUrl,
            DpopKey = dpopKey,
        };
    }

    private static string Shorten(string text) => text.Length > 20 ? text.Substring(0, 20) + "..." : text;

    private static IReadOnlyList<string> NormalizeScopes(IReadOnlyList<string> scopes)
    {
        if (scopes is null)
        {
            throw new ArgumentNullException(nameof(scopes));
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            var trimmed = scope?.Trim();
            if (!ScopeCatalog.IsWellFormed(trimmed))
            {
                throw new ArgumentException("A scope is empty or contains white space or unprintable characters.",
                    nameof(scopes));
            }

            set.Add(trimmed!);
        }

        if (set.Count == 0)
        {
            throw new ArgumentException("At least one scope is needed for a token (e.g. okta.apps.read).", nameof(scopes));
        }

        return set.ToList();
    }

    private bool TryGetFresh(string cacheKey, out AccessToken token)
    {
        if (s_cache.TryGetValue(cacheKey, out var entry) && IsFresh(entry))
        {
            token = entry.Token;
            return true;
        }

        token = null!;
        return false;
    }

    private bool IsFresh(CacheEntry entry) => entry.Token.ExpiresOn - RefreshMargin > _options.Clock();

    private sealed class CacheEntry
    {
        public CacheEntry(AccessToken token)
        {
            Token = token;
        }

        public AccessToken Token { get; }
    }
}
