using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.Core.AppKeys;

/// <summary>
/// Rotates an app's key with no downtime: the new key is added and proven with a real token before any old key is retired,
/// so a token request never fails in between.
/// </summary>
public sealed class KeyRotation
{
    private readonly OktaClient _client;
    private readonly TokenClient _tokens;
    private readonly AppKeyClient _keys;

    public KeyRotation(OktaClient client, TokenClient tokens)
    {
        _client = client;
        _tokens = tokens;
        _keys = new AppKeyClient(client);
    }

    /// <summary>
    /// Adds <paramref name="newKey"/> as ACTIVE and gets a token with it. If the token request fails, the new key is removed again and
    /// the error is thrown: the app is left as it was, old keys active.
    /// </summary>
    public async Task<AppKey> AddAndProveAsync(string clientId, IJwsSigner newKey, string? scope, CancellationToken cancellationToken)
    {
        var proofScope = scope ?? await PickGrantedScopeAsync(clientId, cancellationToken).ConfigureAwait(false);
        OktaObserver.Verbose($"Adding key {newKey.KeyId} to app {clientId}.");
        var added = await _keys.AddAsync(clientId, newKey.ToPublicJwk(), active: true, cancellationToken).ConfigureAwait(false);
        try
        {
            OktaObserver.Verbose($"Proving key {newKey.KeyId} with a token request for '{proofScope}'.");
            await _tokens.GetAsync(clientId, newKey, new[] { proofScope }, forceRefresh: true, cancellationToken).ConfigureAwait(false);
            return added;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OktaObserver.Verbose($"The new key could not get a token; removing it so the app stays as it was.");
            await _keys.DeactivateAsync(clientId, added.Id, CancellationToken.None).ConfigureAwait(false);
            await _keys.DeleteAsync(clientId, added.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Deactivates (and with <paramref name="remove"/> deletes) every active key other than <paramref name="keep"/>.</summary>
    public async Task<IReadOnlyList<AppKey>> RetireOthersAsync(string clientId, AppKey keep, bool remove, CancellationToken cancellationToken)
    {
        var retired = new List<AppKey>();
        foreach (var key in await _keys.ListAsync(clientId, cancellationToken).ConfigureAwait(false))
        {
            if (key.Id == keep.Id || key.Status != "ACTIVE")
            {
                continue;
            }

            OktaObserver.Verbose($"Deactivating old key {key.KeyId} ({key.Id}).");
            retired.Add(await _keys.DeactivateAsync(clientId, key.Id, cancellationToken).ConfigureAwait(false));
            if (remove)
            {
                OktaObserver.Verbose($"Deleting old key {key.KeyId} ({key.Id}).");
                await _keys.DeleteAsync(clientId, key.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        return retired;
    }

    private async Task<string> PickGrantedScopeAsync(string clientId, CancellationToken cancellationToken)
    {
        var grants = await new GrantClient(_client).ListAsync(clientId, cancellationToken).ConfigureAwait(false);
        // The proof token comes from the org authorization server, so only a grant by the org's issuer can prove the key.
        var orgIssuer = OrgUrl.ToIssuer(_client.OrgUrl);
        var active = grants.FirstOrDefault(g => g.IsActiveGrantOf(g.ScopeId, orgIssuer));
        if (active is null)
        {
            throw new OktaApiException(OktaErrorKind.BadRequest,
                $"App {clientId} has no granted scope, so a new key cannot be proven with a token. Grant one with Grant-OktaScope, or pass -Scope.")
            {
                OAuthError = "consent_required",
            };
        }

        return active.ScopeId;
    }
}
