namespace OktaEmulator.Tests.Iam;

/// <summary>/api/v1/iam/roles: create (200), get by id or label, list in the body's "roles" member, delete, and the refusals.</summary>
public sealed class CustomRolesTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Create_answers_the_role_and_get_takes_an_id_or_a_label()
    {
        var label = "UserCreator-" + Guid.NewGuid().ToString("N")[..6];
        var role = await org.Api.CreateCustomRoleAsync(label, "okta.users.create", "okta.users.read");
        var id = role["id"]!.GetValue<string>();
        Assert.StartsWith("cr0", id);
        Assert.Equal(label, role["label"]!.GetValue<string>());
        Assert.EndsWith($"/api/v1/iam/roles/{id}/permissions", role["_links"]!["permissions"]!["href"]!.GetValue<string>());

        using var byId = await org.Api.GetAsync($"/api/v1/iam/roles/{id}");
        Assert.Equal(label, (await OrgApi.JsonAsync(byId))["label"]!.GetValue<string>());
        using var byLabel = await org.Api.GetAsync($"/api/v1/iam/roles/{Uri.EscapeDataString(label)}");
        Assert.Equal(id, (await OrgApi.JsonAsync(byLabel))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_holds_the_roles_in_a_roles_member()
    {
        var id = (await org.Api.CreateCustomRoleAsync())["id"]!.GetValue<string>();
        using var response = await org.Api.GetAsync("/api/v1/iam/roles");
        var body = await OrgApi.JsonAsync(response);
        Assert.Contains(body["roles"]!.AsArray(), r => r!["id"]!.GetValue<string>() == id);
        Assert.IsType<JsonObject>(body["_links"]);
    }

    [Fact]
    public async Task Missing_fields_bad_permissions_and_a_taken_label_are_400_E0000001()
    {
        using var empty = await org.Api.PostAsync("/api/v1/iam/roles", new JsonObject());
        var body = await Expect.OktaErrorAsync(empty, HttpStatusCode.BadRequest, "E0000001");
        Assert.Equal(3, body["errorCauses"]!.AsArray().Count);

        using var badPermission = await org.Api.PostAsync("/api/v1/iam/roles", new JsonObject
        {
            ["label"] = "x-" + Guid.NewGuid().ToString("N")[..6], ["description"] = "d", ["permissions"] = new JsonArray("read everything"),
        });
        Assert.Contains("read everything", await Expect.OktaCauseAsync(badPermission, HttpStatusCode.BadRequest, "E0000001"));

        var label = "taken-" + Guid.NewGuid().ToString("N")[..6];
        await org.Api.CreateCustomRoleAsync(label);
        using var taken = await org.Api.PostAsync("/api/v1/iam/roles", new JsonObject
        {
            ["label"] = label, ["description"] = "d", ["permissions"] = new JsonArray("okta.users.read"),
        });
        await Expect.OktaErrorAsync(taken, HttpStatusCode.BadRequest, "E0000001");
    }

    [Fact]
    public async Task Delete_removes_the_role_and_its_assignments()
    {
        var role = (await org.Api.CreateCustomRoleAsync())["id"]!.GetValue<string>();
        var set = (await org.Api.CreateResourceSetAsync())["id"]!.GetValue<string>();
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        await org.Api.AssignRoleAsync(clientId, new JsonObject { ["type"] = "CUSTOM", ["role"] = role, ["resource-set"] = set });

        using var deleted = await org.Api.DeleteAsync($"/api/v1/iam/roles/{role}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(org.Emulator.State.RolesFor(clientId));
        using var again = await org.Api.GetAsync($"/api/v1/iam/roles/{role}");
        await Expect.OktaErrorAsync(again, HttpStatusCode.NotFound, "E0000007");
    }
}
