using OktaServiceApp.Core.Grants;
using Xunit;

namespace OktaServiceApp.Core.Tests.Grants;

public sealed class ScopeCatalogTests
{
    [Fact]
    public void All_HasTheManagementScopesAndTheClientScopesSorted()
    {
        var all = ScopeCatalog.All;

        Assert.Equal(112, all.Count);
        Assert.Equal(all.OrderBy(s => s, StringComparer.Ordinal), all);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Contains("okta.clients.register", all);
        Assert.Contains("okta.clients.manage", all);
        Assert.Contains("okta.appGrants.manage", all);
        Assert.Contains("okta.logs.read", all);
        Assert.DoesNotContain("okta.logs.manage", all);
        Assert.Contains("okta.serviceAccounts.okta.read", all);
        Assert.Contains("ssf.manage", all);
    }

    [Theory]
    [InlineData("okta.users.read", true)]
    [InlineData("okta.somethingNew.read", true)]
    [InlineData("custom:scope/x", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData(" okta.users.read", false)]
    [InlineData("okta.users.read okta.apps.read", false)]
    [InlineData("okta.users.read\n", false)]
    [InlineData("okta.\u00e9", false)]
    public void IsWellFormed_RefusesEmptyAndWhiteSpace(string? scope, bool expected)
    {
        Assert.Equal(expected, ScopeCatalog.IsWellFormed(scope));
    }
}
