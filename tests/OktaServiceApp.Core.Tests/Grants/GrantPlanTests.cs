using OktaServiceApp.Core.Grants;
using Xunit;

namespace OktaServiceApp.Core.Tests.Grants;

/// <summary>The reconciler's plan, from grants as read: one issuer-aware match for all three modes.</summary>
public sealed class GrantPlanTests
{
    private const string Client = "0oaPlan";
    private const string Org = "https://dev-1.okta.com";
    private const string Custom = "https://dev-1.okta.com/oauth2/default";

    private static ScopeGrant Grant(string id, string scope, string issuer, string status = "ACTIVE") =>
        new() { Id = id, ClientId = Client, ScopeId = scope, Issuer = issuer, Status = status };

    private static string Describe(GrantPlan plan) =>
        string.Join(" ", plan.Items.Select(i => $"{i.Action}:{i.ScopeId}{(i.Existing is null ? "" : "@" + i.Existing.Id)}"));

    [Fact]
    public void Ensure_grants_what_is_missing_and_keeps_input_order_and_other_scopes()
    {
        var existing = new[] { Grant("g1", "okta.users.read", Org), Grant("g2", "okta.logs.read", Org) };

        var plan = GrantPlan.Create(Client, new[] { "okta.users.read", "okta.apps.read", "okta.users.read" }, Org, GrantMode.Ensure, existing);

        Assert.Equal("AlreadyGranted:okta.users.read@g1 Grant:okta.apps.read", Describe(plan));
        Assert.Equal(new[] { "okta.apps.read" }, plan.Changes.Select(c => c.ScopeId));
    }

    [Fact]
    public void A_grant_by_another_issuer_is_not_already_granted_in_any_mode()
    {
        var existing = new[] { Grant("gc", "okta.users.read", Custom) };

        Assert.Equal("Grant:okta.users.read", Describe(GrantPlan.Create(Client, new[] { "okta.users.read" }, Org, GrantMode.Ensure, existing)));
        Assert.Equal("Grant:okta.users.read", Describe(GrantPlan.Create(Client, new[] { "okta.users.read" }, Org, GrantMode.Exactly, existing)));
        Assert.Equal("NotGranted:okta.users.read", Describe(GrantPlan.Create(Client, new[] { "okta.users.read" }, Org, GrantMode.Revoke, existing)));
    }

    [Fact]
    public void Exactly_revokes_extra_grants_of_its_issuer_only_and_sorts_the_desired_scopes()
    {
        var existing = new[]
        {
            Grant("g1", "okta.users.read", Org),
            Grant("g2", "okta.logs.read", Org),
            Grant("gc", "okta.groups.read", Custom),
            Grant("gr", "okta.roles.read", Org, status: "REVOKED"),
        };

        var plan = GrantPlan.Create(Client, new[] { "okta.users.read", "okta.apps.read" }, Org + "/", GrantMode.Exactly, existing);

        Assert.Equal("Grant:okta.apps.read AlreadyGranted:okta.users.read@g1 Revoke:okta.logs.read@g2", Describe(plan));
        Assert.Equal(Org, plan.Issuer);
        Assert.Equal("1 scope(s) to grant, 1 to revoke, 1 already right", plan.Summary());
    }

    [Fact]
    public void Exactly_for_a_custom_issuer_keeps_the_org_grants_and_grants_its_own()
    {
        var existing = new[] { Grant("g1", "okta.users.read", Org), Grant("g2", "okta.logs.read", Org) };

        var plan = GrantPlan.Create(Client, new[] { "okta.users.read" }, Custom, GrantMode.Exactly, existing);

        Assert.Equal("Grant:okta.users.read", Describe(plan));
    }

    [Fact]
    public void Revoke_revokes_every_active_grant_of_the_scope_by_the_issuer_and_notes_the_rest()
    {
        var existing = new[]
        {
            Grant("g1", "okta.users.read", Org),
            Grant("g2", "okta.users.read", Org + "/"),
            Grant("gc", "okta.users.read", Custom),
            Grant("gr", "okta.apps.read", Org, status: "REVOKED"),
        };

        var plan = GrantPlan.Create(Client, new[] { "okta.users.read", "okta.apps.read" }, Org, GrantMode.Revoke, existing);

        Assert.Equal("Revoke:okta.users.read@g1 Revoke:okta.users.read@g2 NotGranted:okta.apps.read", Describe(plan));
    }

    [Fact]
    public void A_grant_listed_without_an_issuer_counts_for_any_issuer()
    {
        var existing = new[] { Grant("g0", "okta.users.read", "") };

        Assert.Equal("AlreadyGranted:okta.users.read@g0",
            Describe(GrantPlan.Create(Client, new[] { "okta.users.read" }, Custom, GrantMode.Ensure, existing)));
    }

    [Fact]
    public void Nothing_desired_and_nothing_granted_plans_nothing()
    {
        var plan = GrantPlan.Create(Client, Array.Empty<string>(), Org, GrantMode.Exactly, Array.Empty<ScopeGrant>());

        Assert.Empty(plan.Items);
        Assert.Throws<ArgumentException>(() => GrantPlan.Create(" ", Array.Empty<string>(), Org, GrantMode.Ensure, Array.Empty<ScopeGrant>()));
    }
}
