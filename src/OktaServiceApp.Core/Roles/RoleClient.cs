using System.Text.Json;
using System.Text.Json.Serialization;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Roles;

/// <summary>Admin roles of a service app: /oauth2/v1/clients/{clientId}/roles.</summary>
public sealed class RoleClient
{
    private readonly OktaClient _client;

    public RoleClient(OktaClient client)
    {
        _client = client;
    }

    /// <summary>GET, following paging.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListAsync(string clientId, CancellationToken cancellationToken)
    {
        var roles = new List<RoleAssignment>();
        await _client.GetPagesAsync(Base(clientId), page =>
        {
            roles.AddRange(page.Select(r => Parse(r, clientId)));
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return roles;
    }

    /// <summary>Assigns a standard role, exactly once (<see cref="IdempotentWrite"/>): after an unknown outcome the app's roles are
    /// read and an assignment of that type is the result. A role the app already had is Okta's 409, passed on. Okta answers 200 or 201
    /// (its spec and its recordings disagree); both are success.</summary>
    public Task<RoleAssignment> AssignAsync(string clientId, string roleType, CancellationToken cancellationToken)
    {
        var request = new OktaRequest(HttpMethod.Post, Base(clientId)) { JsonBody = new AssignRoleRequest { Type = roleType } };
        return IdempotentWrite.RunAsync(_client, $"assignment of {roleType} to {clientId}",
            async ct => Parse((await _client.SendAsync(request, ct).ConfigureAwait(false)).ReadJson(), clientId),
            async ct => (await ListAsync(clientId, ct).ConfigureAwait(false))
                .FirstOrDefault(r => string.Equals(r.Type, roleType, StringComparison.Ordinal)),
            AlreadyExistsAnswer.LookAfterUnknownOutcome, cancellationToken);
    }

    public async Task RemoveAsync(string clientId, string roleAssignmentId, CancellationToken cancellationToken) =>
        await _client.SendAsync(
            new OktaRequest(HttpMethod.Delete, $"{Base(clientId)}/{Uri.EscapeDataString(roleAssignmentId)}") { RetryFaults = true },
            cancellationToken).ConfigureAwait(false);

    private static string Base(string clientId) => $"/oauth2/v1/clients/{Uri.EscapeDataString(clientId)}/roles";

    internal static RoleAssignment Parse(JsonElement role, string clientId) => new()
    {
        Id = role.GetString("id") ?? "",
        ClientId = clientId,
        Type = role.GetString("type") ?? "",
        Label = role.GetString("label"),
        Status = role.GetString("status"),
        Created = role.GetDate("created"),
        CustomRoleId = role.GetString("role"),
        ResourceSetId = role.GetString("resource-set"),
    };

    private sealed class AssignRoleRequest
    {
        [JsonPropertyName("type")] public string Type { get; set; } = "";
    }
}
