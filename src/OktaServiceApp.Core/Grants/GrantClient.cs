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

    /// <summary>POST {"scopeId","issuer"}, exactly once (<see cref="IdempotentWrite"/>): after an unknown outcome or a refusal
    /// (Okta does not document its answer for a scope that is already granted) the grants are read, and an ACTIVE grant of the scope
    /// by the issuer is the result.</summary>
    public Task<ScopeGrant> GrantAsync(string clientId, string scopeId, string issuer, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        if (!ScopeCatalog.IsWellFormed(scopeId))
        {
            throw new ArgumentException("The scope is empty or contains white space or unprintable characters.", nameof(scopeId));
        }

        var normalizedIssuer = UnknownOutcome.RequireId(issuer, nameof(issuer)).TrimEnd('/');
        var request = new OktaRequest(HttpMethod.Post, GrantsPath(id))
        {
            JsonBody = new GrantRequest { ScopeId = scopeId, Issuer = normalizedIssuer },
            RetryFaults = false,
        };
        return IdempotentWrite.RunAsync(_client, $"grant of {scopeId} to {id}",
            async ct =>
            {
                var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
                return Map(response.ReadJson(), id, response);
            },
            async ct => (await ListAsync(id, ct).ConfigureAwait(false)).FirstOrDefault(g => g.IsActiveGrantOf(scopeId, normalizedIssuer)),
            AlreadyExistsAnswer.Look, cancellationToken);
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
