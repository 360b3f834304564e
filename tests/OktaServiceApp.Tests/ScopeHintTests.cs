using OktaServiceApp.Core.Http;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.Tests;

/// <summary>OktaInsufficientScope errors name the scope the call needs, from Okta's challenge or else from Okta's spec.</summary>
public sealed class ScopeHintTests
{
    [Fact]
    public void WithoutAScopeInTheChallenge_TheSpecNamesIt()
    {
        var e = new OktaApiException(OktaErrorKind.Forbidden, "refused")
        {
            OAuthError = "insufficient_scope", Method = "PUT", Path = "/api/v1/principal-rate-limits/prl1",
        };
        var hint = ScopeHint.For(e);
        Assert.Contains("'okta.principalRateLimits.manage'", hint);
        Assert.Contains("PUT /api/v1/principal-rate-limits/{principalRateLimitId}", hint);
        Assert.Equal(hint, OktaErrors.FromApi(e, null).ErrorDetails.RecommendedAction);
        Assert.Equal("OktaInsufficientScope", OktaErrors.FromApi(e, null).FullyQualifiedErrorId);
    }

    [Fact]
    public void EveryScopeOfACallThatNeedsTwo_IsNamed()
    {
        var e = new OktaApiException(OktaErrorKind.Forbidden, "refused")
        {
            OAuthError = "insufficient_scope", RequiredScope = "okta.groups.manage", Method = "POST", Path = "/api/v1/apps/0oa1/group-push/mappings",
        };
        Assert.Contains("'okta.groups.manage', 'okta.apps.manage'", ScopeHint.For(e));
    }

    [Fact]
    public void OtherErrors_GetNoScopeHint()
    {
        Assert.Null(ScopeHint.For(new OktaApiException(OktaErrorKind.NotFound, "gone") { Method = "GET", Path = "/api/v1/users/00u1" }));
    }
}
