using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Iam;
using OktaServiceApp.Core.RateLimits;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.Core.Access;

/// <summary>
/// Desired state for a service app's access: reads what the org holds, plans the difference, and applies it one write at a time.
/// Planning resolves and checks everything (labels, groups, percentages, which roles take which targets) before the first write,
/// so bad input sends nothing; an access that already matches plans no change, so a second run sends no write.
/// </summary>
public sealed class AccessReconciler
{
    private readonly Http.OktaClient _client;
    private readonly GrantClient _grants;
    private readonly RoleClient _roles;
    private readonly CustomRoleClient _customRoles;
    private readonly RoleTargetClient _targets;
    private readonly PrincipalRateLimitClient _rateLimits;
    private readonly IamClient _iam;

    public AccessReconciler(Http.OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _grants = new GrantClient(client);
        _roles = new RoleClient(client);
        _customRoles = new CustomRoleClient(client);
        _targets = new RoleTargetClient(client);
        _rateLimits = new PrincipalRateLimitClient(client);
        _iam = new IamClient(client);
    }

    /// <summary>Grants, roles with targets (and custom labels), and the rate-limit share; reads only.</summary>
    public async Task<AppAccess> ReadAsync(string clientId, CancellationToken cancellationToken)
    {
        var grants = (await _grants.ListAsync(clientId, cancellationToken).ConfigureAwait(false))
            .Where(g => g.Status == "ACTIVE").OrderBy(g => g.ScopeId, StringComparer.Ordinal).Select(g => (g.ScopeId, g.Id)).ToList();
        var roles = new List<AccessRole>();
        foreach (var role in await _roles.ListAsync(clientId, cancellationToken).ConfigureAwait(false))
        {
            roles.Add(role.IsCustom
                ? new AccessRole
                {
                    Assignment = role,
                    CustomRoleLabel = await LabelAsync(() => _iam.ResolveCustomRoleAsync(role.CustomRoleId ?? "", cancellationToken)).ConfigureAwait(false),
                    ResourceSetLabel = await LabelAsync(() => _iam.ResolveResourceSetAsync(role.ResourceSetId ?? "", cancellationToken)).ConfigureAwait(false),
                }
                : new AccessRole
                {
                    Assignment = role,
                    Targets = await _targets.ListAsync(clientId, role.Id, role.Type, cancellationToken).ConfigureAwait(false),
                });
        }

        var rateLimit = await _rateLimits.FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        return new AppAccess { ClientId = clientId, Grants = grants, Roles = roles, RateLimit = rateLimit };
    }

    /// <summary>The writes that turn <paramref name="current"/> into <paramref name="desired"/>; throws <see cref="AccessException"/>
    /// for input the org would refuse, before anything is written.</summary>
    public async Task<IReadOnlyList<AccessChange>> PlanAsync(DesiredAccess desired, AppAccess current, CancellationToken cancellationToken)
    {
        var clientId = desired.ClientId;
        if (desired.RateLimitPercent is { } percent)
        {
            PrincipalRateLimitClient.CheckPercent(percent);
        }

        var changes = new List<AccessChange>();
        var revokes = new List<AccessChange>();
        PlanScopes(desired, current, changes, revokes);
        var removals = new List<AccessChange>();
        var roles = await PlanRolesAsync(desired, current, changes, removals, cancellationToken).ConfigureAwait(false);
        await PlanTargetsAsync(desired, roles, changes, cancellationToken).ConfigureAwait(false);
        changes.AddRange(removals);
        changes.AddRange(revokes);

        if (desired.RateLimitPercent is { } share &&
            !(current.RateLimit is { } now && now.Percent == share && now.ConcurrencyPercent == share))
        {
            changes.Add(new AccessChange(
                current.RateLimit is null ? $"Set the rate-limit share to {share}%" : $"Change the rate-limit share from {current.RateLimit.Percent}% to {share}%",
                ct => _rateLimits.SetAsync(clientId, share, current.RateLimit, ct)));
        }

        return changes;
    }

    private void PlanScopes(DesiredAccess desired, AppAccess current, List<AccessChange> changes, List<AccessChange> revokes)
    {
        if (desired.Scopes is null)
        {
            return;
        }

        var want = new HashSet<string>(desired.Scopes, StringComparer.Ordinal);
        foreach (var scope in want.Where(s => current.Grants.All(g => g.ScopeId != s)).OrderBy(s => s, StringComparer.Ordinal))
        {
            changes.Add(new AccessChange($"Grant scope '{scope}'", ct => _grants.GrantAsync(desired.ClientId, scope, desired.Issuer, ct)));
        }

        foreach (var (scopeId, grantId) in current.Grants.Where(g => !want.Contains(g.ScopeId)))
        {
            revokes.Add(new AccessChange($"Revoke scope '{scopeId}' (grant {grantId})", ct => _grants.RevokeAsync(desired.ClientId, grantId, ct)));
        }
    }

    /// <summary>The standard roles the app will hold after the plan, each with its assignment id once known.</summary>
    private async Task<List<PlannedRole>> PlanRolesAsync(DesiredAccess desired, AppAccess current, List<AccessChange> changes,
        List<AccessChange> removals, CancellationToken cancellationToken)
    {
        var clientId = desired.ClientId;
        var standard = current.Roles.Where(r => !r.Assignment.IsCustom).Select(r => new PlannedRole(r.Assignment.Type, r.Assignment.Id, r.Targets)).ToList();
        if (!desired.ManagesRoles)
        {
            return standard;
        }

        var types = (desired.Roles ?? Array.Empty<string>()).Select(r => r.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var type in types.Where(t => !StandardRoles.All.Contains(t, StringComparer.Ordinal)))
        {
            throw new AccessException(AccessProblem.RoleUnknown,
                $"'{type}' is not a standard admin role (use one of {string.Join(", ", StandardRoles.All)}, or -CustomRole with -ResourceSet).");
        }

        if ((desired.CustomRole is null) != (desired.ResourceSet is null))
        {
            throw new AccessException(AccessProblem.CustomRoleIncomplete, "A custom role is assigned on a resource set: give both -CustomRole and -ResourceSet.");
        }

        IamReference? customRole = null, resourceSet = null;
        if (desired.CustomRole is not null)
        {
            customRole = await _iam.ResolveCustomRoleAsync(desired.CustomRole, cancellationToken).ConfigureAwait(false);
            resourceSet = await _iam.ResolveResourceSetAsync(desired.ResourceSet!, cancellationToken).ConfigureAwait(false);
        }

        var planned = new List<PlannedRole>();
        foreach (var type in types)
        {
            if (standard.FirstOrDefault(r => r.Type == type) is { } held)
            {
                planned.Add(held);
                continue;
            }

            var role = new PlannedRole(type, null, Array.Empty<RoleTarget>());
            changes.Add(new AccessChange($"Assign role {type}", async ct => role.AssignmentId = (await _roles.AssignAsync(clientId, type, ct).ConfigureAwait(false)).Id));
            planned.Add(role);
        }

        if (customRole is not null && !current.Roles.Any(r => r.Assignment.CustomRoleId == customRole.Id && r.Assignment.ResourceSetId == resourceSet!.Id))
        {
            changes.Add(new AccessChange($"Assign custom role {customRole} on resource set {resourceSet}",
                ct => _customRoles.AssignAsync(clientId, customRole.Id, resourceSet!.Id, ct)));
        }

        foreach (var role in current.Roles)
        {
            var keep = role.Assignment.IsCustom
                ? customRole is not null && role.Assignment.CustomRoleId == customRole.Id && role.Assignment.ResourceSetId == resourceSet!.Id
                : types.Contains(role.Assignment.Type);
            if (!keep)
            {
                removals.Add(new AccessChange($"Remove role {role.Describe()} (assignment {role.Assignment.Id})",
                    ct => _roles.RemoveAsync(clientId, role.Assignment.Id, ct)));
            }
        }

        return planned;
    }

    private async Task PlanTargetsAsync(DesiredAccess desired, List<PlannedRole> roles, List<AccessChange> changes, CancellationToken cancellationToken)
    {
        var wanted = new List<(string Kind, IReadOnlyList<string> Targets)>();
        if (desired.GroupTargets is not null)
        {
            foreach (var group in desired.GroupTargets)
            {
                await _iam.ResolveGroupAsync(group, cancellationToken).ConfigureAwait(false);
            }

            wanted.Add((RoleTarget.GroupKind, desired.GroupTargets.Distinct(StringComparer.Ordinal).ToList()));
        }

        if (desired.AppTargets is not null)
        {
            foreach (var app in desired.AppTargets.Where(a => RoleTarget.ParseApp(a) is null))
            {
                throw new AccessException(AccessProblem.AppTargetInvalid, $"'{app}' is not an app target: use 'appName' or 'appName/appId'.");
            }

            wanted.Add((RoleTarget.AppKind, desired.AppTargets.Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList()));
        }

        foreach (var (kind, targets) in wanted)
        {
            var takers = roles.Where(r => RoleTarget.Takes(r.Type, kind)).ToList();
            if (takers.Count == 0 && targets.Count > 0)
            {
                throw new AccessException(AccessProblem.RoleTargetNotSupported, kind == RoleTarget.GroupKind
                    ? "Group targets need a role that takes them: USER_ADMIN, HELP_DESK_ADMIN or GROUP_MEMBERSHIP_ADMIN."
                    : "App targets need the APP_ADMIN role.");
            }

            foreach (var role in takers)
            {
                PlanRoleTargets(desired.ClientId, role, kind, targets, changes);
            }
        }
    }

    private void PlanRoleTargets(string clientId, PlannedRole role, string kind, IReadOnlyList<string> targets, List<AccessChange> changes)
    {
        var current = role.Targets.Where(t => t.Kind == kind).Select(t => t.Target).ToList();
        if (targets.Count == 0)
        {
            if (current.Count > 0)
            {
                // Okta keeps a role's last target: to cover every group (or app) again, the role is assigned afresh.
                changes.Add(new AccessChange($"Reassign role {role.Type} without targets, so it covers every {kind.ToLowerInvariant()}", async ct =>
                {
                    await _roles.RemoveAsync(clientId, role.Id, ct).ConfigureAwait(false);
                    role.AssignmentId = (await _roles.AssignAsync(clientId, role.Type, ct).ConfigureAwait(false)).Id;
                }));
            }

            return;
        }

        // Add before removing, so the role never loses its last target (Okta refuses that).
        foreach (var target in targets.Where(t => !current.Contains(t, StringComparer.Ordinal)))
        {
            changes.Add(new AccessChange($"Add {kind.ToLowerInvariant()} target {target} to {role.Type}", ct => AddTargetAsync(clientId, role, kind, target, ct)));
        }

        foreach (var target in current.Where(t => !targets.Contains(t, StringComparer.Ordinal)))
        {
            changes.Add(new AccessChange($"Remove {kind.ToLowerInvariant()} target {target} from {role.Type}", ct => RemoveTargetAsync(clientId, role, kind, target, ct)));
        }
    }

    private Task AddTargetAsync(string clientId, PlannedRole role, string kind, string target, CancellationToken ct)
    {
        if (kind == RoleTarget.GroupKind)
        {
            return _targets.AddGroupAsync(clientId, role.Id, target, ct);
        }

        var (name, appId) = RoleTarget.ParseApp(target)!.Value;
        return _targets.AddAppAsync(clientId, role.Id, name, appId, ct);
    }

    private Task RemoveTargetAsync(string clientId, PlannedRole role, string kind, string target, CancellationToken ct)
    {
        if (kind == RoleTarget.GroupKind)
        {
            return _targets.RemoveGroupAsync(clientId, role.Id, target, ct);
        }

        var (name, appId) = RoleTarget.ParseApp(target)!.Value;
        return _targets.RemoveAppAsync(clientId, role.Id, name, appId, ct);
    }

    private static async Task<string?> LabelAsync(Func<Task<IamReference>> resolve)
    {
        try
        {
            return (await resolve().ConfigureAwait(false)).Label;
        }
        catch (AccessException)
        {
            return null;
        }
    }

    /// <summary>A standard role as the plan sees it; <see cref="AssignmentId"/> is set when a planned assignment is applied.</summary>
    private sealed class PlannedRole
    {
        public PlannedRole(string type, string? assignmentId, IReadOnlyList<RoleTarget> targets)
        {
            Type = type;
            AssignmentId = assignmentId;
            Targets = targets;
        }

        public string Type { get; }
        public string? AssignmentId { get; set; }
        public IReadOnlyList<RoleTarget> Targets { get; }
        public string Id => AssignmentId ?? throw new InvalidOperationException($"The role {Type} was not assigned before its targets.");
    }
}
