namespace OktaEmulator.Tests.Groups;

/// <summary>/api/v1/groups: add (200, the spec's Group shape), get, list with Everyone seeded, and the refusals.</summary>
public sealed class GroupsTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Add_answers_the_group_and_get_finds_it()
    {
        var id = await org.Api.CreateGroupAsync("West Coast users");
        Assert.StartsWith("00g", id);

        using var response = await org.Api.GetAsync($"/api/v1/groups/{id}");
        var group = await OrgApi.JsonAsync(response);
        Assert.Equal("OKTA_GROUP", group["type"]!.GetValue<string>());
        Assert.Equal("West Coast users", group["profile"]!["name"]!.GetValue<string>());
        Assert.Equal("okta:user_group", group["objectClass"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Everyone_is_seeded_and_listed()
    {
        using var response = await org.Api.GetAsync("/api/v1/groups");
        var groups = (await OrgApi.JsonAsync(response)).AsArray();
        Assert.Contains(groups, g => g!["profile"]!["name"]!.GetValue<string>() == "Everyone" && g["type"]!.GetValue<string>() == "BUILT_IN");
    }

    [Fact]
    public async Task Unknown_group_is_404_and_a_blank_or_taken_name_is_400()
    {
        using var missing = await org.Api.GetAsync("/api/v1/groups/00gNope000000000000");
        await Expect.OktaErrorAsync(missing, HttpStatusCode.NotFound, "E0000007");

        using var blank = await org.Api.PostAsync("/api/v1/groups", new JsonObject { ["profile"] = new JsonObject() });
        await Expect.OktaErrorAsync(blank, HttpStatusCode.BadRequest, "E0000001");

        var name = "dup-" + Guid.NewGuid().ToString("N")[..6];
        await org.Api.CreateGroupAsync(name);
        using var taken = await org.Api.PostAsync("/api/v1/groups", new JsonObject { ["profile"] = new JsonObject { ["name"] = name } });
        await Expect.OktaErrorAsync(taken, HttpStatusCode.BadRequest, "E0000001");
    }
}
