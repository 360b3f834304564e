namespace OktaEmulator.Tests.Roles;

/// <summary>/oauth2/v1/clients/{clientId}/roles: assign (201), list, unassign, and the refusals.</summary>
public sealed class ClientRolesTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Assign_answers_201_with_the_recorded_shape()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var response = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", new JsonObject { ["type"] = "READ_ONLY_ADMIN" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var role = await OrgApi.JsonAsync(response);
        Assert.Equal("READ_ONLY_ADMIN", role["type"]!.GetValue<string>());
        Assert.Equal("Read Only Administrator", role["label"]!.GetValue<string>());
        Assert.Equal("ACTIVE", role["status"]!.GetValue<string>());
        Assert.Equal("CLIENT", role["assignmentType"]!.GetValue<string>());
        Assert.NotNull(role["created"]);
        Assert.NotNull(role["lastUpdated"]);
        Assert.EndsWith($"/oauth2/v1/clients/{clientId}", role["_links"]!["assignee"]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_role_type_is_400_E0000001()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var response = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", new JsonObject { ["type"] = "WIZARD_ADMIN" });
        await Expect.OktaErrorAsync(response, HttpStatusCode.BadRequest, "E0000001");
        Assert.Empty(org.Emulator.State.RolesFor(clientId));
    }

    [Fact]
    public async Task Same_role_twice_is_refused()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var first = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", new JsonObject { ["type"] = "SUPER_ADMIN" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", new JsonObject { ["type"] = "SUPER_ADMIN" });
        await Expect.OktaErrorAsync(second, HttpStatusCode.Conflict, "E0000090");
        Assert.Single(org.Emulator.State.RolesFor(clientId));
    }

    [Fact]
    public async Task List_and_unassign()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        using var assigned = await org.Api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", new JsonObject { ["type"] = "APP_ADMIN" });
        var roleId = (await OrgApi.JsonAsync(assigned))["id"]!.GetValue<string>();

        using var list = await org.Api.GetAsync($"/oauth2/v1/clients/{clientId}/roles");
        Assert.Equal(roleId, (await OrgApi.JsonAsync(list)).AsArray().Single()!["id"]!.GetValue<string>());

        using var removed = await org.Api.DeleteAsync($"/oauth2/v1/clients/{clientId}/roles/{roleId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var again = await org.Api.DeleteAsync($"/oauth2/v1/clients/{clientId}/roles/{roleId}");
        await Expect.OktaErrorAsync(again, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task Unknown_client_is_404()
    {
        using var response = await org.Api.PostAsync("/oauth2/v1/clients/0oaNope00000000000000/roles", new JsonObject { ["type"] = "SUPER_ADMIN" });
        await Expect.OktaErrorAsync(response, HttpStatusCode.NotFound, "E0000007");
    }
}
