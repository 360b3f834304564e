using OktaEmulator.Http;

namespace OktaEmulator.State;

/// <summary>
/// Everything the org holds. One lock guards it all: requests are few and short, and a single lock makes every
/// handler's check-then-act atomic (a duplicate-grant check and its insert cannot interleave).
/// </summary>
internal sealed class OrgStore
{
    private readonly Dictionary<string, AppRecord> _apps = new(StringComparer.Ordinal);
    private readonly List<UserRecord> _users = [];
    private readonly List<GroupRecord> _groups = [];
    private readonly List<IamRoleRecord> _customRoles = [];
    private readonly List<ResourceSetRecord> _resourceSets = [];
    private readonly List<PrincipalRateLimitRecord> _principalRateLimits = [];
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _clock;
    private long _sequence;

    public OrgStore(Func<DateTimeOffset> clock)
    {
        _clock = clock;
        SeedDefaultUsers();
        SeedDefaultGroups();
    }

    /// <summary>The org's id (00o…), as principal rate limits and ORNs name it.</summary>
    public string OrgId { get; } = OktaIds.Org();

    public object Gate { get; } = new();
    public ReplayCache AssertionJtis { get; } = new();
    public ReplayCache ProofJtis { get; } = new();

    /// <summary>The nonce the token endpoint demands in DPoP proofs; Okta keeps one for a day, so one per org run is fine.</summary>
    public string DpopNonce { get; private set; } = OktaIds.Secret(32);

    public IEnumerable<AppRecord> Apps => _apps.Values.OrderBy(a => a.Sequence);
    public IReadOnlyList<UserRecord> Users => _users;
    public List<GroupRecord> Groups => _groups;
    public List<IamRoleRecord> CustomRoles => _customRoles;
    public List<ResourceSetRecord> ResourceSets => _resourceSets;
    public List<PrincipalRateLimitRecord> PrincipalRateLimits => _principalRateLimits;
    public IEnumerable<KeyValuePair<string, IssuedToken>> Tokens => _tokens;

    public long NextSequence() => ++_sequence;

    public AppRecord? FindApp(string appId) => _apps.GetValueOrDefault(appId);

    public AppRecord? FindClient(string clientId) => _apps.Values.FirstOrDefault(a => a.ClientId == clientId);

    public bool ClientIdTaken(string clientId) => _apps.ContainsKey(clientId) || FindClient(clientId) is not null;

    public void Add(AppRecord app) => _apps.Add(app.Id, app);

    /// <summary>Deletes an app; its access tokens and its rate-limit share die with it.</summary>
    public void Remove(AppRecord app)
    {
        _apps.Remove(app.Id);
        _principalRateLimits.RemoveAll(p => p.PrincipalId == app.ClientId);
        foreach (var token in _tokens.Where(t => t.Value.ClientId == app.ClientId).Select(t => t.Key).ToList())
        {
            _tokens.Remove(token);
        }
    }

    public GroupRecord? FindGroup(string groupId) => _groups.FirstOrDefault(g => g.Id == groupId);

    /// <summary>Okta's iam paths take an id or a label: ids first, then labels (labels are unique).</summary>
    public IamRoleRecord? FindCustomRole(string idOrLabel) =>
        _customRoles.FirstOrDefault(r => r.Id == idOrLabel) ?? _customRoles.FirstOrDefault(r => r.Label == idOrLabel);

    public ResourceSetRecord? FindResourceSet(string idOrLabel) =>
        _resourceSets.FirstOrDefault(r => r.Id == idOrLabel) ?? _resourceSets.FirstOrDefault(r => r.Label == idOrLabel);

    public GroupRecord AddGroup(string name, string? description, string type = "OKTA_GROUP")
    {
        var group = new GroupRecord
        {
            Id = OktaIds.Group(), Sequence = NextSequence(), Name = name, Description = description, Type = type, Created = _clock(),
        };
        _groups.Add(group);
        return group;
    }

    public void AddToken(string token, IssuedToken issued) => _tokens[token] = issued;

    public IssuedToken? FindToken(string token) => _tokens.GetValueOrDefault(token);

    public UserRecord AddUser(string login, string email, string firstName, string lastName, string status)
    {
        var user = new UserRecord
        {
            Id = OktaIds.User(),
            Sequence = NextSequence(),
            Status = status,
            Login = login,
            Email = email,
            FirstName = firstName,
            LastName = lastName,
            Created = _clock(),
        };
        _users.Add(user);
        return user;
    }

    /// <summary>Back to a fresh org: no clients, tokens, custom roles, resource sets, rate-limit shares or used jtis, the three
    /// default users and the Everyone group, a new DPoP nonce.</summary>
    public void Clear()
    {
        _apps.Clear();
        _users.Clear();
        _groups.Clear();
        _customRoles.Clear();
        _resourceSets.Clear();
        _principalRateLimits.Clear();
        _tokens.Clear();
        AssertionJtis.Clear();
        ProofJtis.Clear();
        DpopNonce = OktaIds.Secret(32);
        SeedDefaultUsers();
        SeedDefaultGroups();
    }

    private void SeedDefaultGroups() => AddGroup("Everyone", "All users in your organization", "BUILT_IN");

    private void SeedDefaultUsers()
    {
        AddUser("isaac.brock@example.com", "isaac.brock@example.com", "Isaac", "Brock", "ACTIVE");
        AddUser("ada.lovelace@example.com", "ada.lovelace@example.com", "Ada", "Lovelace", "ACTIVE");
        AddUser("alan.turing@example.com", "alan.turing@example.com", "Alan", "Turing", "STAGED");
    }
}
