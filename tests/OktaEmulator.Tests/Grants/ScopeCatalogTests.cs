using OktaEmulator.Grants;

namespace OktaEmulator.Tests.Grants;

public sealed class ScopeCatalogTests
{
    [Fact]
    public void Catalog_holds_the_109_management_scopes_and_the_3_dcr_scopes()
    {
        Assert.Equal(109, ScopeCatalog.ManagementScopes.Count);
        Assert.Equal(3, ScopeCatalog.ClientScopes.Count);
        Assert.All(["okta.users.read", "okta.apps.manage", "okta.appGrants.manage", "okta.roles.read", "okta.logs.read",
            "okta.serviceAccounts.okta.manage", "ssf.read", "okta.clients.register"], s => Assert.True(ScopeCatalog.Contains(s), s));
        Assert.False(ScopeCatalog.Contains("okta.logs.manage"));
        Assert.False(ScopeCatalog.Contains("okta.myAccount.profile.read"));
    }
}
