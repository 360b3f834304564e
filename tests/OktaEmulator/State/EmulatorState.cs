using System.Text.Json.Nodes;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator;

/// <summary>Thread-safe snapshots of what the org holds, for assertions in tests. Nothing here returns a secret or a token.</summary>
public sealed class EmulatorState
{
    private readonly OrgStore _store;

    internal EmulatorState(OrgStore store) => _store = store;

    public IReadOnlyList<ClientInfo> Clients
    {
        get
        {
            lock (_store.Gate)
            {
                return _store.Apps.Select(ToInfo).ToList();
            }
        }
    }

    public ClientInfo? FindClient(string clientId)
    {
        lock (_store.Gate)
        {
            return _store.FindClient(clientId) is { } app ? ToInfo(app) : null;
        }
    }

    /// <summary>Grants (ACTIVE and REVOKED) of the client with this client_id; empty when it does not exist.</summary>
    public IReadOnlyList<GrantInfo> GrantsFor(string clientId)
    {
        lock (_store.Gate)
        {
            return _store.FindClient(clientId)?.Grants.Select(ToInfo).ToList() ?? [];
        }
    }

    public IReadOnlyList<RoleInfo> RolesFor(string clientId)
    {
        lock (_store.Gate)
        {
            return _store.FindClient(clientId)?.Roles.Select(ToInfo).ToList() ?? [];
        }
    }

    /// <summary>The client's rate-limit share, or null when it has none.</summary>
    public PrincipalRateLimitInfo? RateLimitFor(string clientId)
    {
        lock (_store.Gate)
        {
            return _store.PrincipalRateLimits.FirstOrDefault(p => p.PrincipalId == clientId && p.PrincipalType == "OAUTH_CLIENT") is { } p
                ? new PrincipalRateLimitInfo(p.Id, p.PrincipalId, p.DefaultPercentage, p.DefaultConcurrencyPercentage)
                : null;
        }
    }

    public IReadOnlyList<UserInfo> Users
    {
        get
        {
            lock (_store.Gate)
            {
                return _store.Users.Select(ToInfo).ToList();
            }
        }
    }

    /// <summary>Issued access tokens, described without their value.</summary>
    public IReadOnlyList<TokenInfo> Tokens
    {
        get
        {
            lock (_store.Gate)
            {
                return _store.Tokens.Select(t => ToInfo(t.Value)).OrderBy(t => t.IssuedAt).ToList();
            }
        }
    }

    /// <summary>How many times a jti (client assertion or DPoP proof) was presented again after its first use.</summary>
    public int JtiReplays
    {
        get
        {
            lock (_store.Gate)
            {
                return _store.AssertionJtis.Replays + _store.ProofJtis.Replays;
            }
        }
    }

    public int AssertionJtiReplays { get { lock (_store.Gate) { return _store.AssertionJtis.Replays; } } }
    public int DpopProofJtiReplays { get { lock (_store.Gate) { return _store.ProofJtis.Replays; } } }
    public int ConsumedAssertionJtis { get { lock (_store.Gate) { return _store.AssertionJtis.Consumed; } } }
    public int ConsumedDpopProofJtis { get { lock (_store.Gate) { return _store.ProofJtis.Consumed; } } }

    /// <summary>Adds a user that GET /api/v1/users will list (three are seeded on start and on reset).</summary>
    public UserInfo AddUser(string login, string firstName, string lastName, string status = "ACTIVE", string? email = null)
    {
        lock (_store.Gate)
        {
            return ToInfo(_store.AddUser(login, email ?? login, firstName, lastName, status));
        }
    }

    public JsonObject ToJson()
    {
        lock (_store.Gate)
        {
            return new JsonObject
            {
                ["clients"] = new JsonArray(_store.Apps.Select(ClientJson).ToArray<JsonNode?>()),
                ["users"] = new JsonArray(_store.Users.Select(u => (JsonNode?)new JsonObject
                {
                    ["id"] = u.Id, ["status"] = u.Status, ["login"] = u.Login, ["email"] = u.Email,
                    ["firstName"] = u.FirstName, ["lastName"] = u.LastName,
                }).ToArray()),
                ["tokens"] = new JsonArray(_store.Tokens.Select(t => (JsonNode?)new JsonObject
                {
                    ["clientId"] = t.Value.ClientId,
                    ["scopes"] = t.Value.Scopes.ToJsonArray(),
                    ["tokenType"] = t.Value.IsDpopBound ? "DPoP" : "Bearer",
                    ["issuedAt"] = OktaTime.Format(t.Value.IssuedAt),
                    ["expiresAt"] = OktaTime.Format(t.Value.ExpiresAt),
                }).ToArray()),
                ["jtiReplays"] = _store.AssertionJtis.Replays + _store.ProofJtis.Replays,
                ["assertionJtiReplays"] = _store.AssertionJtis.Replays,
                ["dpopProofJtiReplays"] = _store.ProofJtis.Replays,
                ["consumedAssertionJtis"] = _store.AssertionJtis.Consumed,
                ["consumedDpopProofJtis"] = _store.ProofJtis.Consumed,
            };
        }
    }

    private static JsonNode ClientJson(AppRecord app) => new JsonObject
    {
        ["client_id"] = app.ClientId,
        ["app_id"] = app.Id,
        ["client_name"] = app.Label,
        ["status"] = app.Status,
        ["application_type"] = app.ApplicationType,
        ["grant_types"] = app.GrantTypes.ToJsonArray(),
        ["token_endpoint_auth_method"] = app.TokenEndpointAuthMethod,
        ["jwks_uri"] = app.JwksUri,
        ["keys"] = new JsonArray(app.Keys.Select(k => (JsonNode?)KeyJson(k)).ToArray()),
        ["dpop_bound_access_tokens"] = app.DpopBound,
        ["created"] = OktaTime.Format(app.Created),
        ["createdVia"] = app.CreatedVia,
        ["grants"] = new JsonArray(app.Grants.Select(g => (JsonNode?)new JsonObject
        {
            ["id"] = g.Id, ["scopeId"] = g.ScopeId, ["issuer"] = g.Issuer, ["status"] = g.Status,
        }).ToArray()),
        ["roles"] = new JsonArray(app.Roles.Select(r => (JsonNode?)new JsonObject
        {
            ["id"] = r.Id, ["type"] = r.Type, ["status"] = r.Status, ["role"] = r.CustomRoleId, ["resourceSet"] = r.ResourceSetId,
            ["groupTargets"] = r.GroupTargets.ToJsonArray(),
            ["appTargets"] = r.AppTargets.Select(t => t.AppId is null ? t.Name : t.Name + "/" + t.AppId).ToJsonArray(),
        }).ToArray()),
    };

    private static JsonObject KeyJson(AppKey key)
    {
        var json = new JsonObject { ["id"] = key.Id, ["status"] = key.Status, ["kty"] = key.Kty, ["kid"] = key.Kid, ["alg"] = key.Alg, ["use"] = key.Use };
        foreach (var (name, value) in key.Material)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    private static ClientInfo ToInfo(AppRecord app) => new(
        app.ClientId, app.Id, app.Label, app.Status, app.ApplicationType, app.GrantTypes.ToList(),
        app.TokenEndpointAuthMethod, app.Keys.Select(KeyJson).ToList(), app.DpopBound, app.Created, app.JwksUri, app.CreatedVia);

    private static GrantInfo ToInfo(GrantRecord g) => new(g.Id, g.ClientId, g.ScopeId, g.Issuer, g.Status, g.Created);

    private static RoleInfo ToInfo(RoleRecord r) => new(r.Id, r.Type, r.Label, r.Status, r.Created)
    {
        CustomRoleId = r.CustomRoleId,
        ResourceSetId = r.ResourceSetId,
        GroupTargets = r.GroupTargets.ToList(),
        AppTargets = r.AppTargets.Select(t => t.AppId is null ? t.Name : t.Name + "/" + t.AppId).ToList(),
    };

    private static UserInfo ToInfo(UserRecord u) => new(u.Id, u.Status, u.Login, u.Email, u.FirstName, u.LastName);

    private static TokenInfo ToInfo(IssuedToken t) => new(t.ClientId, t.Scopes, t.IsDpopBound ? "DPoP" : "Bearer", t.IssuedAt, t.ExpiresAt);
}

/// <summary>A client as the org holds it. Keys are JSON objects with Okta's key id ("id": "pks…") and status.</summary>
public sealed record ClientInfo(
    string ClientId,
    string AppId,
    string ClientName,
    string Status,
    string ApplicationType,
    IReadOnlyList<string> GrantTypes,
    string TokenEndpointAuthMethod,
    IReadOnlyList<JsonObject> Keys,
    bool DpopBound,
    DateTimeOffset Created,
    string? JwksUri,
    string CreatedVia);

public sealed record GrantInfo(string Id, string ClientId, string ScopeId, string Issuer, string Status, DateTimeOffset Created);

public sealed record RoleInfo(string Id, string Type, string Label, string Status, DateTimeOffset Created)
{
    public string? CustomRoleId { get; init; }
    public string? ResourceSetId { get; init; }
    public IReadOnlyList<string> GroupTargets { get; init; } = [];

    /// <summary>"appName" for an OIN app target, "appName/appId" for an instance target.</summary>
    public IReadOnlyList<string> AppTargets { get; init; } = [];
}

public sealed record PrincipalRateLimitInfo(string Id, string PrincipalId, int? DefaultPercentage, int? DefaultConcurrencyPercentage);

public sealed record UserInfo(string Id, string Status, string Login, string Email, string FirstName, string LastName);

public sealed record TokenInfo(string ClientId, IReadOnlyList<string> Scopes, string TokenType, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
