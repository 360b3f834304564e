using System.Text.Json;
using System.Text.Json.Serialization;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.AppKeys;

/// <summary>An app's client-authentication keys: /api/v1/apps/{appId}/credentials/jwks.</summary>
public sealed class AppKeyClient
{
    private readonly OktaClient _client;

    public AppKeyClient(OktaClient client)
    {
        _client = client;
    }

    /// <summary>GET, following paging.</summary>
    public async Task<IReadOnlyList<AppKey>> ListAsync(string clientId, CancellationToken cancellationToken)
    {
        var keys = new List<AppKey>();
        await _client.GetPagesAsync(Base(clientId), ReadKeys, page =>
        {
            keys.AddRange(page.Select(Parse));
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return keys;
    }

    /// <summary>POSTs a public key, ACTIVE or INACTIVE, exactly once (<see cref="IdempotentWrite"/>): after an unknown outcome the
    /// app's keys are read and a key with the same material (and kid) is the result. A kid already in use on a first try is Okta's
    /// 400, passed on.</summary>
    public Task<AppKey> AddAsync(string clientId, PublicJwk jwk, bool active, CancellationToken cancellationToken)
    {
        if (jwk is null)
        {
            throw new ArgumentNullException(nameof(jwk));
        }

        var request = new OktaRequest(HttpMethod.Post, Base(clientId)) { JsonBody = new AddKeyRequest(jwk, active ? "ACTIVE" : "INACTIVE") };
        return IdempotentWrite.RunAsync(_client, $"addition of key {jwk.Kid} to {clientId}",
            async ct => Parse((await _client.SendAsync(request, ct).ConfigureAwait(false)).ReadJson()),
            async ct => (await ListAsync(clientId, ct).ConfigureAwait(false)).FirstOrDefault(key => IsSameKey(jwk, key)),
            AlreadyExistsAnswer.LookAfterUnknownOutcome, cancellationToken);
    }

    public Task<AppKey> ActivateAsync(string clientId, string keyId, CancellationToken cancellationToken) =>
        LifecycleAsync(clientId, keyId, "activate", cancellationToken);

    public Task<AppKey> DeactivateAsync(string clientId, string keyId, CancellationToken cancellationToken) =>
        LifecycleAsync(clientId, keyId, "deactivate", cancellationToken);

    /// <summary>Okta deletes only an inactive key.</summary>
    public async Task DeleteAsync(string clientId, string keyId, CancellationToken cancellationToken) =>
        await _client.SendAsync(new OktaRequest(HttpMethod.Delete, $"{Base(clientId)}/{Uri.EscapeDataString(keyId)}") { RetryFaults = true },
            cancellationToken).ConfigureAwait(false);

    private async Task<AppKey> LifecycleAsync(string clientId, string keyId, string action, CancellationToken cancellationToken)
    {
        // Activating or deactivating twice ends in the same state, so a fault may be retried.
        var response = await _client.SendAsync(
            new OktaRequest(HttpMethod.Post, $"{Base(clientId)}/{Uri.EscapeDataString(keyId)}/lifecycle/{action}") { RetryFaults = true },
            cancellationToken).ConfigureAwait(false);
        // Okta may answer with the key or with an empty body; the state is known either way.
        var key = string.IsNullOrWhiteSpace(response.Body) ? default : response.ReadJson();
        return key.ValueKind == JsonValueKind.Object
            ? Parse(key)
            : new AppKey { Id = keyId, Status = action == "activate" ? "ACTIVE" : "INACTIVE" };
    }

    /// <summary>The spec's schema says an array, its example says {"jwks":{"keys":[...]}}: accept both.</summary>
    private static IReadOnlyList<JsonElement> ReadKeys(OktaResponse response)
    {
        var root = response.ReadJson();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetObject("jwks", out var jwks) &&
            jwks.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
        {
            root = keys;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw response.Malformed("JSON that is neither a list of keys nor a JWKS", null);
        }

        return root.EnumerateArray().ToList();
    }

    /// <summary>The same public key: equal material, and the same kid when ours has one.</summary>
    private static bool IsSameKey(PublicJwk ours, AppKey theirs) =>
        (ours.Kid is not { Length: > 0 } || string.Equals(ours.Kid, theirs.KeyId, StringComparison.Ordinal)) &&
        string.Equals(ours.Kty, theirs.Jwk.Kty, StringComparison.Ordinal) &&
        (ours.N is { Length: > 0 }
            ? string.Equals(ours.N, theirs.Jwk.N, StringComparison.Ordinal) && string.Equals(ours.E, theirs.Jwk.E, StringComparison.Ordinal)
            : ours.X is { Length: > 0 } && string.Equals(ours.Crv, theirs.Jwk.Crv, StringComparison.Ordinal) &&
              string.Equals(ours.X, theirs.Jwk.X, StringComparison.Ordinal) && string.Equals(ours.Y, theirs.Jwk.Y, StringComparison.Ordinal));

    private static string Base(string clientId) => $"/api/v1/apps/{Uri.EscapeDataString(clientId)}/credentials/jwks";

    private static AppKey Parse(JsonElement key) => new()
    {
        Id = key.GetString("id") ?? "",
        KeyId = key.GetString("kid"),
        Status = key.GetString("status") ?? "",
        Algorithm = key.GetString("alg"),
        KeyType = key.GetString("kty") ?? "",
        Created = key.GetDate("created"),
        LastUpdated = key.GetDate("lastUpdated"),
        Jwk = Apps.JwkReader.ReadKey(key),
    };

    private sealed class AddKeyRequest
    {
        public AddKeyRequest(PublicJwk jwk, string status)
        {
            Kty = jwk.Kty;
            Kid = jwk.Kid;
            Alg = jwk.Alg;
            N = jwk.N;
            E = jwk.E;
            Crv = jwk.Crv;
            X = jwk.X;
            Y = jwk.Y;
            Status = status;
        }

        [JsonPropertyName("kid")] public string? Kid { get; }
        [JsonPropertyName("kty")] public string Kty { get; }
        [JsonPropertyName("alg")] public string? Alg { get; }
        [JsonPropertyName("use")] public string Use => "sig";
        [JsonPropertyName("status")] public string Status { get; }
        [JsonPropertyName("e")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? E { get; }
        [JsonPropertyName("n")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? N { get; }
        [JsonPropertyName("crv")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Crv { get; }
        [JsonPropertyName("x")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? X { get; }
        [JsonPropertyName("y")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Y { get; }
    }
}
