namespace OktaEmulator.Tests.Support;

/// <summary>Setup steps for the access tests: groups, custom roles, resource sets and role assignments, each asserted to succeed.</summary>
public static class AccessApi
{
    public static async Task<string> CreateGroupAsync(this OrgApi api, string? name = null)
    {
        using var response = await api.PostAsync("/api/v1/groups",
            new JsonObject { ["profile"] = new JsonObject { ["name"] = name ?? "grp-" + Guid.NewGuid().ToString("N")[..8] } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await OrgApi.JsonAsync(response))["id"]!.GetValue<string>();
    }

    public static async Task<JsonNode> CreateCustomRoleAsync(this OrgApi api, string? label = null, params string[] permissions)
    {
        using var response = await api.PostAsync("/api/v1/iam/roles", new JsonObject
        {
            ["label"] = label ?? "role-" + Guid.NewGuid().ToString("N")[..8],
            ["description"] = "made by a test",
            ["permissions"] = new JsonArray((permissions.Length == 0 ? ["okta.users.read", "okta.groups.read"] : permissions)
                .Select(p => (JsonNode?)p).ToArray()),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OrgApi.JsonAsync(response);
    }

    public static async Task<JsonNode> CreateResourceSetAsync(this OrgApi api, string? label = null, params string[] resources)
    {
        using var response = await api.PostAsync("/api/v1/iam/resource-sets", new JsonObject
        {
            ["label"] = label ?? "set-" + Guid.NewGuid().ToString("N")[..8],
            ["description"] = "made by a test",
            ["resources"] = new JsonArray((resources.Length == 0 ? [api.OrgUrl + "/api/v1/users"] : resources).Select(r => (JsonNode?)r).ToArray()),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OrgApi.JsonAsync(response);
    }

    public static async Task<string> AssignRoleAsync(this OrgApi api, string clientId, JsonObject body)
    {
        using var response = await api.PostAsync($"/oauth2/v1/clients/{clientId}/roles", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await OrgApi.JsonAsync(response))["id"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> PutAsync(this OrgApi api, string path, JsonNode? body = null, string? auth = OrgApi.Ssws) =>
        api.SendAsync(HttpMethod.Put, path, body, auth);

    public static Task<HttpResponseMessage> PatchAsync(this OrgApi api, string path, JsonNode body) => api.SendAsync(HttpMethod.Patch, path, body);
}
