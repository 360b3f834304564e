using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Grants;

/// <summary>
/// The scope-grant use case behind Grant-OktaScope, Set-OktaScopeGrant and Revoke-OktaScope: read an app's grants once, plan
/// (to grant / already granted / to revoke) with one issuer-aware match, then apply the plan one item at a time, so one failing
/// scope does not stop the others. Grants are written exactly once (<see cref="GrantClient.GrantAsync"/>).
/// </summary>
public sealed class GrantReconciler
{
    private readonly GrantClient _grants;
    private readonly string _orgIssuer;

    public GrantReconciler(OktaClient client)
    {
        _grants = new GrantClient(client ?? throw new ArgumentNullException(nameof(client)));
        _orgIssuer = Configuration.OrgUrl.ToIssuer(client.OrgUrl);
    }

    /// <summary>The issuer a grant is for: the one asked for, else the org authorization server (Okta's own default).</summary>
    private string IssuerOrOrg(string? issuer) => string.IsNullOrEmpty(issuer) ? _orgIssuer : issuer!.TrimEnd('/');

    /// <summary>Reads the app's grants (one list, all pages) and plans. An unknown or forbidden app throws here, once for the app.</summary>
    public async Task<GrantPlan> PlanAsync(string clientId, IEnumerable<string> scopes, string? issuer, GrantMode mode,
        CancellationToken cancellationToken)
    {
        var existing = await _grants.ListAsync(clientId, cancellationToken).ConfigureAwait(false);
        var plan = GrantPlan.Create(clientId, scopes, IssuerOrOrg(issuer), mode, existing);
        OktaObserver.Verbose($"App {plan.ClientId}, issuer {plan.Issuer}: {plan.Summary()}.");
        return plan;
    }

    /// <summary>
    /// Applies the plan. <paramref name="approve"/> is asked once per change (grant or revocation), in plan order, before anything
    /// is sent; a change it declines is reported as declined and not sent. Errors are per item; only cancellation stops the rest.
    /// </summary>
    public async Task<GrantReconciliation> ApplyAsync(GrantPlan plan, Func<GrantPlanItem, bool> approve,
        CancellationToken cancellationToken)
    {
        if (plan is null)
        {
            throw new ArgumentNullException(nameof(plan));
        }

        if (approve is null)
        {
            throw new ArgumentNullException(nameof(approve));
        }

        var approved = plan.Changes.Where(approve).ToList();
        var results = new List<GrantItemResult>(plan.Items.Count);
        foreach (var item in plan.Items)
        {
            if (item.IsChange && !approved.Contains(item))
            {
                results.Add(new GrantItemResult(item, null, null, declined: true));
                continue;
            }

            results.Add(await ApplyItemAsync(plan, item, cancellationToken).ConfigureAwait(false));
        }

        return new GrantReconciliation(plan, results);
    }

    /// <summary><see cref="PlanAsync"/>, then <see cref="ApplyAsync"/>.</summary>
    public async Task<GrantReconciliation> ReconcileAsync(string clientId, IEnumerable<string> scopes, string? issuer, GrantMode mode,
        Func<GrantPlanItem, bool> approve, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(clientId, scopes, issuer, mode, cancellationToken).ConfigureAwait(false);
        return await ApplyAsync(plan, approve, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GrantItemResult> ApplyItemAsync(GrantPlan plan, GrantPlanItem item, CancellationToken cancellationToken)
    {
        var clientId = plan.ClientId;
        switch (item.Action)
        {
            case GrantAction.AlreadyGranted:
                OktaObserver.Verbose(
                    $"Scope '{item.ScopeId}' is already granted to {clientId} (grant {item.Existing!.Id}); not granting it again.");
                return new GrantItemResult(item, item.Existing, null, declined: false);
            case GrantAction.NotGranted:
                OktaObserver.Verbose($"Scope '{item.ScopeId}' is not granted to {clientId} by {plan.Issuer}; nothing to revoke.");
                return new GrantItemResult(item, null, null, declined: false);
        }

        try
        {
            if (item.Action == GrantAction.Grant)
            {
                OktaObserver.Verbose($"Granting scope '{item.ScopeId}' to {clientId}.");
                var grant = await _grants.GrantAsync(clientId, item.ScopeId, plan.Issuer, cancellationToken).ConfigureAwait(false);
                return new GrantItemResult(item, grant, null, declined: false);
            }

            OktaObserver.Verbose($"Revoking scope '{item.ScopeId}' from {clientId} (grant {item.Existing!.Id}).");
            await RevokeAsync(clientId, item.Existing, cancellationToken).ConfigureAwait(false);
            return new GrantItemResult(item, item.Existing, null, declined: false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new GrantItemResult(item, null, e, declined: false);
        }
    }

    private async Task RevokeAsync(string clientId, ScopeGrant grant, CancellationToken cancellationToken)
    {
        try
        {
            await _grants.RevokeAsync(clientId, grant.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException e) when (e.Kind == OktaErrorKind.NotFound)
        {
            // Revoked since the read (by someone else, or by an interrupted earlier run): the goal is met.
            OktaObserver.Verbose($"Grant {grant.Id} was already gone.");
        }
    }
}
