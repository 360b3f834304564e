using System.Text.Json.Serialization;
using OktaServiceApp.Core.Diagnostics;
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

    /// <summary>Assigns the custom role on the resource set. After an unknown outcome, or a 409 for the same pair, the roles are
    /// read again so the pair is assigned exactly once.</summary>
    public async Task<RoleAssignment> AssignAsync(string clientId, string customRoleId, string resourceSetId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        var body = new AssignCustomRoleRequest
        {
            Role = UnknownOutcome.RequireId(customRoleId, nameof(customRoleId)),
            ResourceSet = UnknownOutcome.RequireId(resourceSetId, nameof(resourceSetId)),
        };
        try
        {
            var response = await _client.SendAsync(
                new OktaRequest(HttpMethod.Post, $"/oauth2/v1/clients/{UnknownOutcome.EscapePathSegment(id)}/roles") { JsonBody = body },
                cancellationToken).ConfigureAwait(false);
            return RoleClient.Parse(response.ReadJson(), id);
        }
        catch (OktaApiException e) when (e.IsUnknownOutcome() || e.Kind == OktaErrorKind.Conflict)
        {
            var existing = (await new RoleClient(_client).ListAsync(id, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(r => r.CustomRoleId == body.Role && r.ResourceSetId == body.ResourceSet);
            if (existing is null)
            {
                throw;
            }

            OktaObserver.Verbose($"The custom role {body.Role} on {body.ResourceSet} is assigned to {id} (assignment {existing.Id}).");
            return existing;
        }
    }

    private sealed class AssignCustomRoleRequest
    {
        [JsonPropertyName("type")] public string Type => "CUSTOM";
        [JsonPropertyName("role")] public string Role { get; set; } = "";
        [JsonPropertyName("resource-set")] public string ResourceSet { get; set; } = "";
    }
}
