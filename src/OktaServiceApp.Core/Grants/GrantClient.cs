using System.Text.Json;
using System.Text.Json.Serialization;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Grants;

/// <summary>Scope consent grants, /api/v1/apps/{clientId}/grants.</summary>
public sealed class GrantClient
{
    private readonly OktaClient _client;

    public GrantClient(OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>GET ...?expand=scope, following paging.</summary>
    public async Task<IReadOnlyList<ScopeGrant>> ListAsync(string clientId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        var grants = new List<ScopeGrant>();
        await _client.GetPagesAsync($"{GrantsPath(id)}?expand=scope", page =>
        {
            foreach (var item in page)
            {
                grants.Add(Map(item, id));
            }

            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return grants;
    }

    /// <summary>POST {"scopeId","issuer"}. When the outcome is unknown (fault, timeout) the grants are re-read and the POST is
    /// repeated only if the grant is still missing, so it exists exactly once.</summary>
    public async Task<ScopeGrant> GrantAsync(string clientId, string scopeId, string issuer, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        if (!ScopeCatalog.IsWellFormed(scopeId))
        {
            throw new ArgumentException("The scope is empty or contains white space or unprintable characters.", nameof(scopeId));
        }

        var normalizedIssuer = UnknownOutcome.RequireId(issuer, nameof(issuer)).TrimEnd('/');
        var body = new GrantRequest { ScopeId = scopeId, Issuer = normalizedIssuer };
        var maxTries = Math.Max(0, _client.Options.MaxRetries) + 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await _client.SendAsync(
                    new OktaRequest(HttpMethod.Post, GrantsPath(id)) { JsonBody = body, RetryFaults = false },
                    cancellationToken).ConfigureAwait(false);
                return Map(response.ReadJson(), id, response);
            }
            catch (OktaApiException ex) when (ex.IsUnknownOutcome())
            {
                OktaObserver.Verbose(
                    $"Granting {scopeId} to {id}: the outcome is unknown ({ex.Kind}); checking the app's grants before trying again.");
                var existing = await FindActiveAsync(id, scopeId, normalizedIssuer, ex, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    OktaObserver.Verbose($"Found the grant {existing.Id} created by the interrupted request.");
                    return existing;
                }

                if (attempt >= maxTries)
                {
                    throw;
                }

                await _client.BackOffAsync(attempt, $"grant of {scopeId} not applied, try {attempt + 1} of {maxTries}",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OktaApiException ex) when (ex.Kind is OktaErrorKind.BadRequest or OktaErrorKind.Conflict)
            {
                // Okta does not document the answer for a scope that is already granted: look before failing.
                var existing = await FindActiveAsync(id, scopeId, normalizedIssuer, ex, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    OktaObserver.Verbose($"{scopeId} was already granted to {id} (grant {existing.Id}).");
                    return existing;
                }

                throw;
            }
        }
    }

    /// <summary>DELETE .../grants/{grantId}.</summary>
    public async Task RevokeAsync(string clientId, string grantId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        var grant = UnknownOutcome.RequireId(grantId, nameof(grantId));
        try
        {
            await _client.SendAsync(
                new OktaRequest(HttpMethod.Delete, $"{GrantsPath(id)}/{UnknownOutcome.EscapePathSegment(grant)}")
                {
                    RetryFaults = true,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException ex) when (ex.Kind == OktaErrorKind.NotFound && ex.AfterUnknownOutcome)
        {
            OktaObserver.Verbose($"Grant {grant} is gone: the interrupted first DELETE revoked it.");
        }
    }

    private async Task<ScopeGrant?> FindActiveAsync(string clientId, string scopeId, string issuer, OktaApiException original,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<ScopeGrant> grants;
        try
        {
            grants = await ListAsync(clientId, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException listError)
        {
            OktaObserver.Verbose($"Could not re-read the grants of {clientId}: {listError.Message}");
            throw original;
        }

        return grants.FirstOrDefault(g => g.IsActiveGrantOf(scopeId, issuer));
    }

    private static string GrantsPath(string clientId) => $"/api/v1/apps/{UnknownOutcome.EscapePathSegment(clientId)}/grants";

    internal static ScopeGrant Map(JsonElement item, string clientId, OktaResponse? response = null)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw response?.Malformed("a grant that is not a JSON object", null) ??
                  new OktaApiException(OktaErrorKind.MalformedResponse, "Okta listed a grant that is not a JSON object.");
        }

        var scopeId = item.GetString("scopeId");
        if (scopeId is null && item.TryGetObject("_embedded", out var embedded) && embedded.TryGetObject("scope", out var scope))
        {
            scopeId = scope.GetString("id");
        }

        return new ScopeGrant
        {
            Id = item.GetString("id") ?? "",
            ClientId = item.GetString("clientId") ?? clientId,
            ScopeId = scopeId ?? "",
            Issuer = item.GetString("issuer") ?? "",
            Status = item.GetString("status") ?? "",
            Created = item.GetDate("created"),
            Source = item.GetString("source"),
        };
    }

    private sealed class GrantRequest
    {
        [JsonPropertyName("scopeId")] public string ScopeId { get; set; } = "";
        [JsonPropertyName("issuer")] public string Issuer { get; set; } = "";
    }
}
