using System.Text.Json.Serialization;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Roles;

/// <summary>CUSTOM role assignments of a service app: POST /oauth2/v1/clients/{clientId}/roles with
/// {"type":"CUSTOM","role":id,"resource-set":id} (spec CustomRoleAssignmentSchema; both are ids, not labels).</summary>
public sealed class CustomRoleClient
{
    private readonly OktaClient _client;

    public CustomRoleClient(OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>Assigns the custom role on the resource set, exactly once (<see cref="IdempotentWrite"/>): after an unknown outcome,
    /// or a 400/409 (Okta's answer when the pair is assigned already), the roles are read and the pair, if there, is the result.</summary>
    public Task<RoleAssignment> AssignAsync(string clientId, string customRoleId, string resourceSetId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        var body = new AssignCustomRoleRequest
        {
            Role = UnknownOutcome.RequireId(customRoleId, nameof(customRoleId)),
            ResourceSet = UnknownOutcome.RequireId(resourceSetId, nameof(resourceSetId)),
        };
        var request = new OktaRequest(HttpMethod.Post, $"/oauth2/v1/clients/{UnknownOutcome.EscapePathSegment(id)}/roles") { JsonBody = body };
        return IdempotentWrite.RunAsync(_client, $"assignment of custom role {body.Role} on {body.ResourceSet} to {id}",
            async ct => RoleClient.Parse((await _client.SendAsync(request, ct).ConfigureAwait(false)).ReadJson(), id),
            async ct => (await new RoleClient(_client).ListAsync(id, ct).ConfigureAwait(false))
                .FirstOrDefault(r => r.CustomRoleId == body.Role && r.ResourceSetId == body.ResourceSet),
            AlreadyExistsAnswer.Look, cancellationToken);
    }

    private sealed class AssignCustomRoleRequest
    {
        [JsonPropertyName("type")] public string Type => "CUSTOM";
        [JsonPropertyName("role")] public string Role { get; set; } = "";
        [JsonPropertyName("resource-set")] public string ResourceSet { get; set; } = "";
    }
}
