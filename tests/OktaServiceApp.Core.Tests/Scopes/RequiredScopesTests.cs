using OktaServiceApp.Core.Scopes;
using Xunit;

namespace OktaServiceApp.Core.Tests.Scopes;

/// <summary>The embedded table agrees with Okta's specs on every operation, and a concrete call finds its template.</summary>
public sealed class RequiredScopesTests
{
    [Fact]
    public void Every_operation_of_the_specs_is_found_from_a_concrete_path_with_the_specs_scopes()
    {
        var operations = SpecOperations.All.Value;
        Assert.True(operations.Count > 700, $"only {operations.Count} operations read from the specs");
        var disagreements = new List<string>();
        foreach (var (method, template, scopes) in operations)
        {
            var found = RequiredScopes.Find(method, SpecOperations.Concrete(template));
            if (found is null || found.PathTemplate != template || !found.Scopes.SequenceEqual(scopes))
            {
                disagreements.Add($"{method} {template}: spec [{string.Join(" ", scopes)}], table {found?.ToString() ?? "nothing"}");
            }
        }

        Assert.Empty(disagreements);
        Assert.Equal(operations.Count, RequiredScopes.Operations.Count);
    }

    [Theory]
    [InlineData("GET", "/api/v1/users/00u1", "/api/v1/users/{id}", "okta.users.read")]
    [InlineData("get", "https://dev-123.okta.com/api/v1/users/00u1?expand=blocks", "/api/v1/users/{id}", "okta.users.read")]
    [InlineData("POST", "/api/v1/apps/0oa1/grants", "/api/v1/apps/{appId}/grants", "okta.appGrants.manage")]
    [InlineData("POST", "/oauth2/v1/clients", "/oauth2/v1/clients", "okta.clients.register")]
    [InlineData("PUT", "/oauth2/v1/clients/0oa1/roles/JBC/targets/groups/00g1", "/oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}/targets/groups/{groupId}", "okta.roles.manage")]
    [InlineData("GET", "/api/v1/principal-rate-limits?filter=x", "/api/v1/principal-rate-limits", "okta.principalRateLimits.read")]
    [InlineData("POST", "/api/v1/apps/0oa1/group-push/mappings", "/api/v1/apps/{appId}/group-push/mappings", "okta.apps.manage okta.groups.manage")]
    public void A_concrete_call_answers_its_template_and_scopes(string method, string path, string template, string scopes)
    {
        var operation = RequiredScopes.Find(method, path);
        Assert.NotNull(operation);
        Assert.Equal(template, operation!.PathTemplate);
        Assert.Equal(scopes.Split(' '), operation.Scopes);
    }

    [Fact]
    public void A_literal_segment_wins_over_a_parameter()
    {
        Assert.Equal("/api/v1/device-posture-checks/default", RequiredScopes.Find("GET", "/api/v1/device-posture-checks/default")?.PathTemplate);
        Assert.Equal("/api/v1/device-posture-checks/{postureCheckId}", RequiredScopes.Find("GET", "/api/v1/device-posture-checks/dpc1")?.PathTemplate);
    }

    [Fact]
    public void Unknown_calls_and_api_token_only_calls_are_told_apart()
    {
        Assert.Null(RequiredScopes.Find("GET", "/api/v1/no-such-thing"));
        Assert.Null(RequiredScopes.Find("BREW", "/api/v1/users"));
        Assert.Empty(RequiredScopes.Find("DELETE", "/api/v1/api-tokens/current")!.Scopes);
    }

    [Fact]
    public void Manage_covers_read_but_not_the_other_way()
    {
        var read = RequiredScopes.Find("GET", "/api/v1/users")!;
        Assert.Empty(read.MissingFrom(["okta.users.manage"]));
        var manage = RequiredScopes.Find("POST", "/api/v1/users")!;
        Assert.Equal(["okta.users.manage"], manage.MissingFrom(["okta.users.read"]));
        var both = RequiredScopes.Find("POST", "/api/v1/apps/0oa1/group-push/mappings")!;
        Assert.Equal(["okta.groups.manage"], both.MissingFrom(["okta.apps.manage"]));
    }
}
