using OktaServiceApp.Core.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

public sealed class RateLimitPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("/api/v1/apps", "apps")]
    [InlineData("/api/v1/apps/0oa1/grants", "apps")]
    [InlineData("/api/v1/appsx", "default")]
    [InlineData("/oauth2/v1/clients", "clients")]
    [InlineData("/oauth2/v1/clients/0oa1/roles", "clients")]
    [InlineData("/oauth2/v1/token", "token")]
    [InlineData("/api/v1/users", "default")]
    public void Bucket_FollowsThePath(string path, string bucket)
    {
        Assert.Equal(bucket, RateLimitPacer.BucketOf(path));
    }

    [Fact]
    public void Admit_UnknownBucketProbesWithOneRequest()
    {
        var pacer = new RateLimitPacer(() => T0, 100);

        Assert.Null(pacer.TryAdmit("apps"));
        var hold = pacer.TryAdmit("apps");
        Assert.NotNull(hold?.Answers);

        pacer.Complete("apps");
        Assert.True(hold!.Answers!.IsCompleted);
        Assert.Null(pacer.TryAdmit("apps"));
        Assert.Null(pacer.TryAdmit("apps"));
    }

    [Fact]
    public void Complete_WithoutAnAnswer_CountsTheRequestAsSpent()
    {
        // A dropped connection: the org counted the request, but no X-Rate-Limit-Remaining came back to say so.
        var pacer = new RateLimitPacer(() => T0, 100);
        var now = T0.ToUnixTimeSeconds();
        pacer.Observe("apps", 3, 2, now + 2);

        Assert.Null(pacer.TryAdmit("apps"));
        pacer.Complete("apps", answered: false);

        Assert.Equal(1L, pacer.Snapshot("apps").Remaining);
        Assert.Null(pacer.TryAdmit("apps"));
        Assert.NotNull(pacer.TryAdmit("apps"));
    }

    [Fact]
    public void Observe_AnEarlierResetWithAnotherLimit_ReplacesTheRememberedWindow()
    {
        var pacer = new RateLimitPacer(() => T0, 100);
        var now = T0.ToUnixTimeSeconds();
        pacer.Observe("apps", 10000, 9990, now + 60);

        // The org now allows 3 requests per 2 s window: the first answer under the new rule says so.
        pacer.Observe("apps", 3, 1, now + 2);

        Assert.Equal((3L, 1L, now + 2), (pacer.Snapshot("apps").Limit, pacer.Snapshot("apps").Remaining, pacer.Snapshot("apps").ResetEpoch));
        Assert.Null(pacer.TryAdmit("apps"));
        Assert.NotNull(pacer.TryAdmit("apps"));
    }

    [Fact]
    public void Observe_AnEarlierResetWithTheSameLimit_IsALateAnswerAndIgnored()
    {
        var pacer = new RateLimitPacer(() => T0, 100);
        var now = T0.ToUnixTimeSeconds();
        pacer.Observe("apps", 100, 90, now + 60);
        pacer.Observe("apps", 100, 5, now - 1);

        Assert.Equal((90L, now + 60), (pacer.Snapshot("apps").Remaining, pacer.Snapshot("apps").ResetEpoch));
    }

    [Fact]
    public void Admit_CountsRequestsInFlightAgainstRemaining()
    {
        var pacer = new RateLimitPacer(() => T0, 100);
        pacer.ObserveDate(T0);
        pacer.Observe("apps", 100, 3, T0.AddSeconds(40).ToUnixTimeSeconds());

        Assert.Null(pacer.TryAdmit("apps"));
        Assert.Null(pacer.TryAdmit("apps"));
        Assert.Null(pacer.TryAdmit("apps"));
        var hold = pacer.TryAdmit("apps");

        // Three in flight use the three left: the fourth waits for their answers, not for the reset.
        Assert.NotNull(hold?.Answers);
    }

    [Fact]
    public void Admit_HoldsUntilResetWhenRemainingIsAtTheReserve()
    {
        var pacer = new RateLimitPacer(() => T0, 80) { PacingMargin = TimeSpan.Zero };
        pacer.ObserveDate(T0.AddSeconds(2)); // the server clock is 2 s ahead
        pacer.Observe("clients", 100, 20, T0.AddSeconds(42).ToUnixTimeSeconds());

        var hold = pacer.TryAdmit("clients");

        Assert.NotNull(hold);
        Assert.Null(hold!.Answers);
        Assert.Equal(TimeSpan.FromSeconds(40), hold.Delay);
        Assert.Equal(20, hold.Reserve);
    }

    [Fact]
    public void Observe_OutOfOrderAnswersKeepTheSmallestRemaining()
    {
        var pacer = new RateLimitPacer(() => T0, 100);
        var reset = T0.AddSeconds(30).ToUnixTimeSeconds();
        pacer.Observe("apps", 50, 10, reset);
        pacer.Observe("apps", 50, 12, reset);
        Assert.Equal(10, pacer.Snapshot("apps").Remaining);

        pacer.Observe("apps", 50, 49, reset + 60);
        Assert.Equal(49, pacer.Snapshot("apps").Remaining);
    }

    [Fact]
    public void Observe_ConcurrencyViolationDoesNotBecomeTheLimit()
    {
        var pacer = new RateLimitPacer(() => T0, 100);
        pacer.Observe("apps", 0, 0, T0.AddSeconds(60).ToUnixTimeSeconds());

        Assert.False(pacer.Snapshot("apps").Known);
    }

    [Fact]
    public void Admit_AfterTheResetAFreshWindowIsAssumed()
    {
        var now = T0;
        var pacer = new RateLimitPacer(() => now, 100);
        pacer.ObserveDate(T0);
        pacer.Observe("apps", 10, 0, T0.AddSeconds(5).ToUnixTimeSeconds());
        Assert.NotNull(pacer.TryAdmit("apps"));

        now = T0.AddSeconds(6);

        Assert.Null(pacer.TryAdmit("apps"));
    }
}
