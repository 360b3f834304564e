namespace OktaEmulator.Tests.Auth;

/// <summary>An admin whose role does not cover an app gets Okta's 403 E0000006 for that app only.</summary>
public sealed class ForbiddenPathTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Forbidden_prefix_is_403_E0000006_and_other_apps_still_work()
    {
        var (forbidden, _) = await org.Api.NewServiceClientAsync();
        var (allowed, _) = await org.Api.NewServiceClientAsync();
        org.Emulator.Configure(o => o.ForbiddenPathPrefixes = [$"/api/v1/apps/{forbidden}"]);
        try
        {
            using var refused = await org.Api.GetAsync($"/api/v1/apps/{forbidden}/grants");
            await Expect.OktaErrorAsync(refused, HttpStatusCode.Forbidden, "E0000006");

            using var ok = await org.Api.GetAsync($"/api/v1/apps/{allowed}/grants");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        finally
        {
            org.Emulator.Configure(o => o.ForbiddenPathPrefixes = []);
        }

        using var afterwards = await org.Api.GetAsync($"/api/v1/apps/{forbidden}/grants");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }
}
