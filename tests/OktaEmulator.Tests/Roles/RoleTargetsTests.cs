namespace OktaEmulator.Tests.Roles;

/// <summary>Group and app targets of a client's standard role: which role types take them, idempotent PUT, the last target.</summary>
public sealed class RoleTargetsTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    private async Task<(string ClientId, string RoleId)> ClientWithRoleAsync(string type)
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        return (clientId, await org.Api.AssignRoleAsync(clientId, new JsonObject { ["type"] = type }));
    }

    [Theory]
    [InlineData("USER_ADMIN")]
    [InlineData("HELP_DESK_ADMIN")]
    [InlineData("GROUP_MEMBERSHIP_ADMIN")]
    public async Task Group_targets_are_assigned_listed_and_idempotent(string type)
    {
        var (clientId, roleId) = await ClientWithRoleAsync(type);
        var group = await org.Api.CreateGroupAsync();
        var path = $"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/groups";

        using var empty = await org.Api.GetAsync(path);
        Assert.Empty((await OrgApi.JsonAsync(empty)).AsArray());

        using var put = await org.Api.PutAsync($"{path}/{group}");
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        using var again = await org.Api.PutAsync($"{path}/{group}");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        using var list = await org.Api.GetAsync(path);
        Assert.Equal(group, (await OrgApi.JsonAsync(list)).AsArray().Single()!["id"]!.GetValue<string>());
        Assert.Equal([group], org.Emulator.State.RolesFor(clientId).Single().GroupTargets);
    }

    [Theory]
    [InlineData("READ_ONLY_ADMIN")]
    [InlineData("APP_ADMIN")]
    [InlineData("SUPER_ADMIN")]
    public async Task A_group_target_on_a_role_that_takes_none_is_E0000091(string type)
    {
        var (clientId, roleId) = await ClientWithRoleAsync(type);
        var group = await org.Api.CreateGroupAsync();
        using var response = await org.Api.PutAsync($"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/groups/{group}");
        await Expect.OktaErrorAsync(response, HttpStatusCode.BadRequest, "E0000091");
        Assert.Empty(org.Emulator.State.RolesFor(clientId).Single().GroupTargets);
    }

    [Fact]
    public async Task A_target_on_a_custom_role_is_E0000091()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0)));
        var roleId = await org.Api.AssignRoleAsync(clientId, new JsonObject
        {
            ["type"] = "CUSTOM",
            ["role"] = (await org.Api.CreateCustomRoleAsync())["id"]!.GetValue<string>(),
            ["resource-set"] = (await org.Api.CreateResourceSetAsync())["id"]!.GetValue<string>(),
        });
        var group = await org.Api.CreateGroupAsync();
        using var response = await org.Api.PutAsync($"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/groups/{group}");
        await Expect.OktaErrorAsync(response, HttpStatusCode.BadRequest, "E0000091");
    }

    [Fact]
    public async Task Unknown_group_role_or_client_is_404()
    {
        var (clientId, roleId) = await ClientWithRoleAsync("USER_ADMIN");
        var group = await org.Api.CreateGroupAsync();
        using var noGroup = await org.Api.PutAsync($"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/groups/00gNope000000000000");
        await Expect.OktaErrorAsync(noGroup, HttpStatusCode.NotFound, "E0000007");
        using var noRole = await org.Api.PutAsync($"/oauth2/v1/clients/{clientId}/roles/NOPE/targets/groups/{group}");
        await Expect.OktaErrorAsync(noRole, HttpStatusCode.NotFound, "E0000007");
        using var noClient = await org.Api.GetAsync($"/oauth2/v1/clients/0oaNope00000000000000/roles/{roleId}/targets/groups");
        await Expect.OktaErrorAsync(noClient, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task The_last_group_target_cannot_be_removed()
    {
        var (clientId, roleId) = await ClientWithRoleAsync("USER_ADMIN");
        var first = await org.Api.CreateGroupAsync();
        var second = await org.Api.CreateGroupAsync();
        var path = $"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/groups";
        (await org.Api.PutAsync($"{path}/{first}")).Dispose();
        (await org.Api.PutAsync($"{path}/{second}")).Dispose();

        using var removed = await org.Api.DeleteAsync($"{path}/{first}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var last = await org.Api.DeleteAsync($"{path}/{second}");
        await Expect.OktaErrorAsync(last, HttpStatusCode.BadRequest, "E0000001");
        using var absent = await org.Api.DeleteAsync($"{path}/{first}");
        await Expect.OktaErrorAsync(absent, HttpStatusCode.NotFound, "E0000007");
        Assert.Equal([second], org.Emulator.State.RolesFor(clientId).Single().GroupTargets);
    }

    [Fact]
    public async Task App_targets_on_APP_ADMIN_oin_apps_and_instances()
    {
        var (clientId, roleId) = await ClientWithRoleAsync("APP_ADMIN");
        var appId = await org.Api.CreateServiceAppAsync(false, TestKeys.PublicJwk(TestKeys.Rsa(0)));
        var path = $"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/catalog/apps";

        using var instance = await org.Api.PutAsync($"{path}/oidc_client/{appId}");
        Assert.Equal(HttpStatusCode.NoContent, instance.StatusCode);
        using var oin = await org.Api.PutAsync($"{path}/salesforce");
        Assert.Equal(HttpStatusCode.NoContent, oin.StatusCode);

        using var list = await org.Api.GetAsync(path);
        var targets = (await OrgApi.JsonAsync(list)).AsArray();
        Assert.Equal(appId, targets[0]!["id"]!.GetValue<string>());
        Assert.Equal("salesforce", targets[1]!["name"]!.GetValue<string>());
        Assert.Null(targets[1]!["id"]);

        using var unknownApp = await org.Api.PutAsync($"{path}/nosuchapp");
        await Expect.OktaErrorAsync(unknownApp, HttpStatusCode.NotFound, "E0000007");
        using var unknownInstance = await org.Api.PutAsync($"{path}/oidc_client/0oaNope00000000000000");
        await Expect.OktaErrorAsync(unknownInstance, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task An_oin_app_target_overrides_its_instances_and_then_refuses_new_ones()
    {
        var (clientId, roleId) = await ClientWithRoleAsync("APP_ADMIN");
        var appId = await org.Api.CreateServiceAppAsync(false, TestKeys.PublicJwk(TestKeys.Rsa(0)));
        var path = $"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/catalog/apps";
        (await org.Api.PutAsync($"{path}/oidc_client/{appId}")).Dispose();
        (await org.Api.PutAsync($"{path}/oidc_client")).Dispose();
        Assert.Equal(["oidc_client"], org.Emulator.State.RolesFor(clientId).Single().AppTargets);

        using var instance = await org.Api.PutAsync($"{path}/oidc_client/{appId}");
        await Expect.OktaErrorAsync(instance, HttpStatusCode.BadRequest, "E0000001");
    }

    [Fact]
    public async Task An_app_target_on_a_role_other_than_APP_ADMIN_is_E0000091()
    {
        var (clientId, roleId) = await ClientWithRoleAsync("USER_ADMIN");
        using var response = await org.Api.PutAsync($"/oauth2/v1/clients/{clientId}/roles/{roleId}/targets/catalog/apps/salesforce");
        await Expect.OktaErrorAsync(response, HttpStatusCode.BadRequest, "E0000091");
    }
}
