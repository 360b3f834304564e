using System.Text.Json;
using System.Text.Json.Serialization;
using OktaServiceApp.Core.Access;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.RateLimits;

/// <summary>
/// Service apps' shares of the org rate limits: /api/v1/principal-rate-limits, principal type OAUTH_CLIENT. Okta keeps one entity per
/// principal, found through the list (filter=principalType eq "OAUTH_CLIENT"), then replaced by id.
/// </summary>
public sealed class PrincipalRateLimitClient
{
    private const string Base = "/api/v1/principal-rate-limits";
    private const string OAuthClient = "OAUTH_CLIENT";
    private readonly OktaClient _client;

    public PrincipalRateLimitClient(OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>Every service app's share, following paging (Okta pages these 20 at a time, 50 at most).</summary>
    public async Task<IReadOnlyList<PrincipalRateLimit>> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<PrincipalRateLimit>();
        await _client.GetPagesAsync($"{Base}?limit=50&filter=" + Uri.EscapeDataString($"principalType eq \"{OAuthClient}\""), page =>
        {
            all.AddRange(page.Select(Map));
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return all;
    }

    /// <summary>The app's share, or null when it has none (it then shares the org's limits with everyone).</summary>
    public async Task<PrincipalRateLimit?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        return (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.ClientId == id);
    }

    /// <summary>Sets the app's share of both the rate and the concurrency limits to <paramref name="percent"/>: creates the entity,
    /// or replaces the one there is. Nothing is sent when it already says so.</summary>
    public async Task<PrincipalRateLimit> SetAsync(string clientId, int percent, PrincipalRateLimit? current, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        CheckPercent(percent);
        if (current is not null && current.Percent == percent && current.ConcurrencyPercent == percent)
        {
            return current;
        }

        var body = new EntityRequest { PrincipalId = id, DefaultPercentage = percent, DefaultConcurrencyPercentage = percent };
        if (current is not null)
        {
            var replaced = await _client.SendAsync(
                new OktaRequest(HttpMethod.Put, $"{Base}/{UnknownOutcome.EscapePathSegment(current.Id)}") { JsonBody = body, RetryFaults = true },
                cancellationToken).ConfigureAwait(false);
            return Map(replaced.ReadJson());
        }

        // One entity per principal: after an unknown outcome or a 400 there may be one now (ours from an interrupted POST, or
        // another writer's); IdempotentWrite finds it, and a share other than ours is replaced.
        var written = await IdempotentWrite.RunAsync(_client, $"rate-limit share of {id}",
            async ct => Map((await _client.SendAsync(new OktaRequest(HttpMethod.Post, Base) { JsonBody = body }, ct).ConfigureAwait(false)).ReadJson()),
            ct => FindAsync(id, ct), AlreadyExistsAnswer.Look, cancellationToken).ConfigureAwait(false);
        if (written.Percent == percent && written.ConcurrencyPercent == percent)
        {
            return written;
        }

        OktaObserver.Verbose($"App {id} has a rate-limit share already ({written.Id}); replacing it.");
        return await SetAsync(id, percent, written, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="AccessProblem.RateLimitPercentInvalid"/> outside 0–100.</summary>
    public static void CheckPercent(int percent)
    {
        if (percent is < 0 or > 100)
        {
            throw new AccessException(AccessProblem.RateLimitPercentInvalid,
                $"A rate-limit share is a percentage from 0 to 100, not {percent}.");
        }
    }

    private static PrincipalRateLimit Map(JsonElement e) => new()
    {
        Id = e.GetString("id") ?? "",
        ClientId = e.GetString("principalId") ?? "",
        Percent = Int(e, "defaultPercentage"),
        ConcurrencyPercent = Int(e, "defaultConcurrencyPercentage"),
        LastUpdate = e.GetDate("lastUpdate"),
    };

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private sealed class EntityRequest
    {
        [JsonPropertyName("principalId")] public string PrincipalId { get; set; } = "";
        [JsonPropertyName("principalType")] public string PrincipalType => OAuthClient;
        [JsonPropertyName("defaultPercentage")] public int DefaultPercentage { get; set; }
        [JsonPropertyName("defaultConcurrencyPercentage")] public int DefaultConcurrencyPercentage { get; set; }
    }
}
