namespace OktaEmulator.Tests.Iam;

/// <summary>/api/v1/iam/resource-sets: create with resources (REST URLs or ORNs of this org only), get by id or label, list,
/// resources, add resources, delete.</summary>
public sealed class ResourceSetsTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Create_answers_the_set_and_its_resources_carry_an_orn()
    {
        var group = await org.Api.CreateGroupAsync();
        var label = "SF-IT-" + Guid.NewGuid().ToString("N")[..6];
        var set = await org.Api.CreateResourceSetAsync(label, $"{org.Api.OrgUrl}/api/v1/groups/{group}", $"{org.Api.OrgUrl}/api/v1/groups/{group}/users",
            $"{org.Api.OrgUrl}/api/v1/users");
        var id = set["id"]!.GetValue<string>();
        Assert.StartsWith("iam", id);
        Assert.EndsWith($"/api/v1/iam/resource-sets/{id}/resources", set["_links"]!["resources"]!["href"]!.GetValue<string>());

        using var byLabel = await org.Api.GetAsync($"/api/v1/iam/resource-sets/{label}");
        Assert.Equal(id, (await OrgApi.JsonAsync(byLabel))["id"]!.GetValue<string>());

        using var resources = await org.Api.GetAsync($"/api/v1/iam/resource-sets/{id}/resources");
        var items = (await OrgApi.JsonAsync(resources))["resources"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.All(items, r => Assert.StartsWith("ire", r!["id"]!.GetValue<string>()));
        Assert.EndsWith($":groups:{group}", items[0]!["orn"]!.GetValue<string>());
        Assert.EndsWith($":groups:{group}:contained_resources", items[1]!["orn"]!.GetValue<string>());
        Assert.Equal($"{org.Api.OrgUrl}/api/v1/users", items[2]!["_links"]!["self"]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_resource_of_another_org_is_refused_and_nothing_is_created()
    {
        var label = "foreign-" + Guid.NewGuid().ToString("N")[..6];
        using var byUrl = await org.Api.PostAsync("/api/v1/iam/resource-sets", new JsonObject
        {
            ["label"] = label, ["description"] = "d", ["resources"] = new JsonArray("https://other.example.com/api/v1/users"),
        });
        Assert.Contains("another org", await Expect.OktaCauseAsync(byUrl, HttpStatusCode.BadRequest, "E0000001"));

        using var byOrn = await org.Api.PostAsync("/api/v1/iam/resource-sets", new JsonObject
        {
            ["label"] = label, ["description"] = "d", ["resources"] = new JsonArray("orn:okta:directory:00oSomeOtherOrg00000:users"),
        });
        Assert.Contains("another org", await Expect.OktaCauseAsync(byOrn, HttpStatusCode.BadRequest, "E0000001"));

        using var lookup = await org.Api.GetAsync($"/api/v1/iam/resource-sets/{label}");
        await Expect.OktaErrorAsync(lookup, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task Missing_fields_unknown_groups_and_a_taken_label_are_400()
    {
        using var empty = await org.Api.PostAsync("/api/v1/iam/resource-sets", new JsonObject());
        Assert.Equal(3, (await Expect.OktaErrorAsync(empty, HttpStatusCode.BadRequest, "E0000001"))["errorCauses"]!.AsArray().Count);

        using var noGroup = await org.Api.PostAsync("/api/v1/iam/resource-sets", new JsonObject
        {
            ["label"] = "g-" + Guid.NewGuid().ToString("N")[..6], ["description"] = "d",
            ["resources"] = new JsonArray($"{org.Api.OrgUrl}/api/v1/groups/00gNope000000000000"),
        });
        Assert.Contains("does not exist", await Expect.OktaCauseAsync(noGroup, HttpStatusCode.BadRequest, "E0000001"));

        var label = (await org.Api.CreateResourceSetAsync())["label"]!.GetValue<string>();
        using var taken = await org.Api.PostAsync("/api/v1/iam/resource-sets", new JsonObject
        {
            ["label"] = label, ["description"] = "d", ["resources"] = new JsonArray($"{org.Api.OrgUrl}/api/v1/users"),
        });
        await Expect.OktaErrorAsync(taken, HttpStatusCode.BadRequest, "E0000001");
    }

    [Fact]
    public async Task Patch_adds_resources_once_and_an_orn_of_this_org_is_accepted()
    {
        var set = (await org.Api.CreateResourceSetAsync())["id"]!.GetValue<string>();
        using var resources = await org.Api.GetAsync($"/api/v1/iam/resource-sets/{set}/resources");
        var usersOrn = (await OrgApi.JsonAsync(resources))["resources"]![0]!["orn"]!.GetValue<string>();
        var groupsOrn = usersOrn[..^"users".Length] + "groups";

        using var patched = await org.Api.PatchAsync($"/api/v1/iam/resource-sets/{set}/resources",
            new JsonObject { ["additions"] = new JsonArray(groupsOrn, $"{org.Api.OrgUrl}/api/v1/users") });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        using var after = await org.Api.GetAsync($"/api/v1/iam/resource-sets/{set}/resources");
        var orns = (await OrgApi.JsonAsync(after))["resources"]!.AsArray().Select(r => r!["orn"]!.GetValue<string>()).ToList();
        Assert.Equal([usersOrn, groupsOrn], orns);
    }

    [Fact]
    public async Task List_and_delete()
    {
        var set = (await org.Api.CreateResourceSetAsync())["id"]!.GetValue<string>();
        using var list = await org.Api.GetAsync("/api/v1/iam/resource-sets");
        Assert.Contains((await OrgApi.JsonAsync(list))["resource-sets"]!.AsArray(), s => s!["id"]!.GetValue<string>() == set);

        using var deleted = await org.Api.DeleteAsync($"/api/v1/iam/resource-sets/{set}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await org.Api.DeleteAsync($"/api/v1/iam/resource-sets/{set}");
        await Expect.OktaErrorAsync(again, HttpStatusCode.NotFound, "E0000007");
    }
}
