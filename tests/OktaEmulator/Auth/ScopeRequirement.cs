namespace OktaEmulator.Auth;

/// <summary>
/// Endpoint metadata: the OAuth scope a Bearer/DPoP token needs for this route (SSWS passes everything).
/// <see cref="Scope"/> is the one named in the 403's WWW-Authenticate; <see cref="Accepted"/> are all that satisfy it.
/// </summary>
internal sealed class ScopeRequirement
{
    private ScopeRequirement(string scope, string[] accepted)
    {
        Scope = scope;
        Accepted = accepted;
    }

    public string Scope { get; }
    public IReadOnlyList<string> Accepted { get; }

    /// <summary>okta.X.read, also satisfied by okta.X.manage (manage implies read).</summary>
    public static ScopeRequirement Read(string resource) => new($"okta.{resource}.read", [$"okta.{resource}.read", $"okta.{resource}.manage"]);

    public static ScopeRequirement Manage(string resource) => new($"okta.{resource}.manage", [$"okta.{resource}.manage"]);

    /// <summary>DCR create: okta.clients.register, or okta.clients.manage.</summary>
    public static ScopeRequirement RegisterClient { get; } = new("okta.clients.register", ["okta.clients.register", "okta.clients.manage"]);

    public bool IsSatisfiedBy(IEnumerable<string> scopes) => scopes.Any(Accepted.Contains);
}

internal static class ScopeRequirementExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ScopeRequirement requirement)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(requirement);
}
