namespace OktaEmulator.State;

/// <summary>
/// One OAuth client. DCR and the Apps API write the same record, as on a real org: a DCR client is an app,
/// and its client_id is the app id unless the Apps API was given a custom client_id.
/// </summary>
internal sealed class AppRecord
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset LastUpdated { get; set; }

    /// <summary>"dcr" or "apps": which API created it (DCR defaults consent_method to REQUIRED, Apps API to TRUSTED).</summary>
    public required string CreatedVia { get; init; }

    public required string Label { get; set; }
    public string Status { get; set; } = "ACTIVE";
    public string ApplicationType { get; set; } = "web";
    public List<string> GrantTypes { get; set; } = [];
    public List<string> ResponseTypes { get; set; } = [];
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
    public string TokenEndpointAuthMethod { get; set; } = "client_secret_basic";
    public string? ClientSecret { get; set; }
    public string? JwksUri { get; set; }
    public List<AppKey> Keys { get; set; } = [];
    public bool DpopBound { get; set; }
    public string ConsentMethod { get; set; } = "TRUSTED";
    public string? ClientUri { get; set; }
    public string? LogoUri { get; set; }

    public List<GrantRecord> Grants { get; } = [];
    public List<RoleRecord> Roles { get; } = [];

    public IEnumerable<AppKey> ActiveKeys => Keys.Where(k => k.IsActive);
}
