namespace OktaEmulator.Tests.Users;

/// <summary>GET /api/v1/users: seeded users, paging, and extra users added by a test.</summary>
public sealed class UsersTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Three_users_are_seeded_with_okta_shape_and_pages_follow_link()
    {
        using var first = await org.Api.GetAsync("/api/v1/users?limit=2");
        var users = (await OrgApi.JsonAsync(first)).AsArray();
        Assert.Equal(2, users.Count);
        Assert.Matches("^00u", users[0]!["id"]!.GetValue<string>());
        Assert.NotNull(users[0]!["status"]);
        foreach (var field in new[] { "login", "email", "firstName", "lastName" })
        {
            Assert.NotNull(users[0]!["profile"]![field]);
        }

        var next = first.Headers.GetValues("Link").Single(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
        using var second = await org.Api.GetAsync(next[1..next.IndexOf('>')].Replace(org.Api.OrgUrl, "", StringComparison.Ordinal));
        Assert.True((await OrgApi.JsonAsync(second)).AsArray().Count >= 1);
    }

    [Fact]
    public async Task Added_users_are_listed()
    {
        var added = org.Emulator.State.AddUser("grace.hopper@example.com", "Grace", "Hopper");
        using var response = await org.Api.GetAsync("/api/v1/users");
        Assert.Contains((await OrgApi.JsonAsync(response)).AsArray(), u => u!["id"]!.GetValue<string>() == added.Id);
    }
}
