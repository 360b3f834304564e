using OktaServiceApp.Core.Access;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Iam;

/// <summary>
/// Custom roles and resource sets by id or label: GET /api/v1/iam/roles/{roleIdOrLabel} and
/// /api/v1/iam/resource-sets/{resourceSetIdOrLabel}, which take either (spec), so one read resolves a label.
/// </summary>
public sealed class IamClient
{
    private readonly OktaClient _client;

    public IamClient(OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>The custom role; <see cref="AccessProblem.CustomRoleNotFound"/> when the org has none by that id or label.</summary>
    public Task<IamReference> ResolveCustomRoleAsync(string idOrLabel, CancellationToken cancellationToken) =>
        ResolveAsync("/api/v1/iam/roles/", idOrLabel, AccessProblem.CustomRoleNotFound, "custom role", cancellationToken);

    /// <summary>The resource set; <see cref="AccessProblem.ResourceSetNotFound"/> when the org has none by that id or label.</summary>
    public Task<IamReference> ResolveResourceSetAsync(string idOrLabel, CancellationToken cancellationToken) =>
        ResolveAsync("/api/v1/iam/resource-sets/", idOrLabel, AccessProblem.ResourceSetNotFound, "resource set", cancellationToken);

    /// <summary>The group's name; <see cref="AccessProblem.GroupNotFound"/> when the org has no group with that id.</summary>
    public async Task<string> ResolveGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(groupId, nameof(groupId));
        try
        {
            var response = await _client.SendAsync(
                new OktaRequest(HttpMethod.Get, "/api/v1/groups/" + UnknownOutcome.EscapePathSegment(id)) { RetryFaults = true },
                cancellationToken).ConfigureAwait(false);
            var json = response.ReadJson();
            return json.TryGetObject("profile", out var profile) ? profile.GetString("name") ?? id : id;
        }
        catch (OktaApiException e) when (e.Kind == OktaErrorKind.NotFound)
        {
            throw new AccessException(AccessProblem.GroupNotFound, $"The org has no group '{id}'.");
        }
    }

    private async Task<IamReference> ResolveAsync(string basePath, string idOrLabel, AccessProblem notFound, string what,
        CancellationToken cancellationToken)
    {
        var key = UnknownOutcome.RequireId(idOrLabel?.Trim(), nameof(idOrLabel));
        try
        {
            var response = await _client.SendAsync(
                new OktaRequest(HttpMethod.Get, basePath + UnknownOutcome.EscapePathSegment(key)) { RetryFaults = true },
                cancellationToken).ConfigureAwait(false);
            var json = response.ReadJson();
            var id = json.GetString("id") ?? throw response.Malformed($"a {what} without an id", null);
            return new IamReference { Id = id, Label = json.GetString("label") ?? key };
        }
        catch (OktaApiException e) when (e.Kind == OktaErrorKind.NotFound)
        {
            throw new AccessException(notFound,
                $"The org has no {what} with the id or label '{key}'. A {what} belongs to one org: make it in this org first.");
        }
    }
}
