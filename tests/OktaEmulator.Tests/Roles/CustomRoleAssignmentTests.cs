namespace OktaEmulator.Tests.Roles;

/// <summary>POST /oauth2/v1/clients/{clientId}/roles with type CUSTOM, a custom role id and a resource set id.</summary>
public sealed class CustomRoleAssignmentTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Custom_assignment_answers_201_with_the_spec_shape()
    {
        var role = await org.Api.CreateCustomRoleAsync();
        var set = await org.Api.CreateResourceSetAsync();
        var roleId = role["id"]!.GetValue<string>();
        var setId = set["id"]!.GetValue<string>();
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));

        using var response = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles",
            new JsonObject { ["type"] = "CUSTOM", ["role"] = roleId, ["resource-set"] = setId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var assignment = await OrgApi.JsonAsync(response);
        Assert.StartsWith("irb", assignment["id"]!.GetValue<string>());
        Assert.Equal("CUSTOM", assignment["type"]!.GetValue<string>());
        Assert.Equal(role["label"]!.GetValue<string>(), assignment["label"]!.GetValue<string>());
        Assert.Equal(roleId, assignment["role"]!.GetValue<string>());
        Assert.Equal(setId, assignment["resource-set"]!.GetValue<string>());
        Assert.Equal("CLIENT", assignment["assignmentType"]!.GetValue<string>());
        Assert.EndsWith($"/api/v1/iam/resource-sets/{setId}", assignment["_links"]!["resource-set"]!["href"]!.GetValue<string>());
        Assert.EndsWith($"/oauth2/v1/clients/{clientId}", assignment["_links"]!["assignee"]!["href"]!.GetValue<string>());

        using var list = await org.Api.GetAsync($"/oauth2/v1/clients/{clientId}/roles");
        Assert.Equal(setId, (await OrgApi.JsonAsync(list))[0]!["resource-set"]!.GetValue<string>());
    }

    [Fact]
    public async Task Role_or_resource_set_missing_is_400_E0000001_with_a_cause_each()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var response = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", new JsonObject { ["type"] = "CUSTOM" });
        var body = await Expect.OktaErrorAsync(response, HttpStatusCode.BadRequest, "E0000001");
        Assert.Equal(2, body["errorCauses"]!.AsArray().Count);
        Assert.Empty(org.Emulator.State.RolesFor(clientId));
    }

    [Fact]
    public async Task A_resource_set_of_another_org_is_404_E0000007_and_nothing_is_assigned()
    {
        await using var other = await OktaOrgEmulator.StartAsync(new EmulatorOptions());
        using var otherApi = new OrgApi(other, new TestClock());
        var foreignSet = (await otherApi.CreateResourceSetAsync())["id"]!.GetValue<string>();
        var role = (await org.Api.CreateCustomRoleAsync())["id"]!.GetValue<string>();
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));

        using var response = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles",
            new JsonObject { ["type"] = "CUSTOM", ["role"] = role, ["resource-set"] = foreignSet });
        var body = await Expect.OktaErrorAsync(response, HttpStatusCode.NotFound, "E0000007");
        Assert.Contains(foreignSet, body["errorSummary"]!.GetValue<string>());
        Assert.Empty(org.Emulator.State.RolesFor(clientId));
    }

    [Fact]
    public async Task Unknown_custom_role_is_404_and_the_same_pair_twice_is_409_E0000090()
    {
        var set = (await org.Api.CreateResourceSetAsync())["id"]!.GetValue<string>();
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var unknown = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles",
            new JsonObject { ["type"] = "CUSTOM", ["role"] = "cr0Nope0000000000000", ["resource-set"] = set });
        await Expect.OktaErrorAsync(unknown, HttpStatusCode.NotFound, "E0000007");

        var role = (await org.Api.CreateCustomRoleAsync())["id"]!.GetValue<string>();
        var body = new JsonObject { ["type"] = "CUSTOM", ["role"] = role, ["resource-set"] = set };
        await org.Api.AssignRoleAsync(clientId, body);
        using var twice = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", body.DeepClone());
        await Expect.OktaErrorAsync(twice, HttpStatusCode.Conflict, "E0000090");
        Assert.Single(org.Emulator.State.RolesFor(clientId));
    }
}
