using System.Net.Http.Headers;
using System.Text.Json;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Tokens;

/// <summary>OAuth for Okta: Authorization: Bearer, or DPoP with a fresh proof (with ath) per attempt. Refreshes before expiry.</summary>
public sealed class OAuthCredentials : IOktaCredentials
{
    private readonly TokenClient _tokens;
    private readonly IJwsSigner _key;
    private readonly string[] _scopes;
    private AccessToken? _current;
    /// <summary>The value of a token the server called expired; the next ApplyAsync forces a new one if it is still current.</summary>
    private string? _rejected;

    public OAuthCredentials(TokenClient tokens, string clientId, IJwsSigner key, IReadOnlyList<string> scopes)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        ClientId = UnknownOutcome.RequireId(clientId, nameof(clientId));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        if (scopes is null || scopes.Count == 0)
        {
            throw new ArgumentException("At least one scope is needed for OAuth for Okta (e.g. okta.apps.read).", nameof(scopes));
        }

        _scopes = scopes.ToArray();
    }

    public string Mode => "PrivateKey";
    public string ClientId { get; }
    public IReadOnlyList<string> Scopes => _scopes;
    /// <summary>The expiry of the current token, null before the first call.</summary>
    public DateTimeOffset? TokenExpiresOn => Volatile.Read(ref _current)?.ExpiresOn;

    public Connections.CredentialInfo Describe() => new(Mode, ClientId, _scopes, _key.KeyId, TokenExpiresOn);

    /// <summary>Gets a token now (Connect-Okta validates the key and grants eagerly).</summary>
    public Task<AccessToken> EnsureTokenAsync(CancellationToken cancellationToken) => GetTokenAsync(cancellationToken);

    public async Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token.TokenType == "DPoP")
        {
            if (token.DpopKey is null || request.RequestUri is null)
            {
                throw new OktaApiException(OktaErrorKind.Other, "The DPoP-bound access token has no DPoP key.");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token.Value);
            request.Headers.Remove("DPoP");
            request.Headers.TryAddWithoutValidation("DPoP", token.DpopKey.CreateProof(
                request.Method.Method.ToUpperInvariant(), request.RequestUri, _tokens.Registry.DpopNonce(_tokens.OrgUrlValue),
                token.Value));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
    }

    public bool OnResponse(HttpResponseMessage response)
    {
        if (response is null)
        {
            return false;
        }

        var nonce = HeaderParsing.First(response, "DPoP-Nonce");
        _tokens.Registry.RememberDpopNonce(_tokens.OrgUrlValue, nonce);
        var status = (int)response.StatusCode;
        if (status != 400 && status != 401)
        {
            return false;
        }

        var (error, description) = ReadError(response);
        if (error == "use_dpop_nonce" && nonce is not null)
        {
            OktaObserver.Verbose("Okta asked for a DPoP nonce on an API call; sending it again with the nonce.");
            return true;
        }

        if (status == 401 && error == "invalid_token" &&
            description?.IndexOf("expired", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            var used = response.RequestMessage?.Headers.Authorization?.Parameter;
            if (used is not null)
            {
                Volatile.Write(ref _rejected, used);
                OktaObserver.Verbose("Okta says the access token has expired; getting a new one and sending again.");
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"OAuth for Okta, client {ClientId}, {_scopes.Length} scopes";

    private async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        var rejected = Volatile.Read(ref _rejected);
        var force = rejected is not null && current is not null && string.Equals(current.Value, rejected, StringComparison.Ordinal);
        var token = await _tokens.GetAsync(ClientId, _key, _scopes, force, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, token);
        if (rejected is not null && !string.Equals(token.Value, rejected, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _rejected, null, rejected);
        }

        return token;
    }

    /// <summary>The OAuth error of a resource response: from WWW-Authenticate, else from an OAuth-style body.</summary>
    private static (string? Error, string? Description) ReadError(HttpResponseMessage response)
    {
        foreach (var challenge in HeaderParsing.ParseChallenges(HeaderParsing.Values(response, "WWW-Authenticate")))
        {
            if (challenge["error"] is { } error)
            {
                return (error, challenge["error_description"]);
            }
        }

        try
        {
            // The client buffers bodies before calling OnResponse, so this read does not block on the network.
            if (response.Content is ByteArrayContent content)
            {
                var body = content.ReadAsStringAsync().GetAwaiter().GetResult();
                if (body.TrimStart().StartsWith("{", StringComparison.Ordinal))
                {
                    using var document = JsonDocument.Parse(body);
                    return (document.RootElement.GetString("error"), document.RootElement.GetString("error_description"));
                }
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }
}
