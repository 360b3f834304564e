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

    public async Task<IReadOnlyList<RoleAssignment>> ListAsync(string clientId, CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync(new OktaRequest(HttpMethod.Get, Base(clientId)) { RetryFaults = true }, cancellationToken)
            .ConfigureAwait(false);
        return response.ReadArray().Select(r => Parse(r, clientId)).ToList();
    }

    /// <summary>Assigns a standard role. Okta answers 200 or 201 (its spec and its recordings disagree); both are success.</summary>
    public async Task<RoleAssignment> AssignAsync(string clientId, string roleType, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.SendAsync(
                new OktaRequest(HttpMethod.Post, Base(clientId)) { JsonBody = new AssignRoleRequest { Type = roleType } },
                cancellationToken).ConfigureAwait(false);
            return Parse(response.ReadJson(), clientId);
        }
        catch (OktaApiException e) when (e.Kind is OktaErrorKind.ServerError or OktaErrorKind.Timeout or OktaErrorKind.ConnectionFailed)
        {
            // Unknown outcome: the role may exist now. Look before asking again, so it is assigned exactly once.
            var existing = (await ListAsync(clientId, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(r => string.Equals(r.Type, roleType, StringComparison.Ordinal));
            if (existing is not null)
            {
                return existing;
            }

            throw;
        }
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
