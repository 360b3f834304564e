using System.Text.Json;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;

namespace OktaServiceApp.Core.Roles;

/// <summary>Targets of a service app's standard role: /oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}/targets/...
/// PUT and DELETE answer 204; a PUT of a target that is there already changes nothing, so retrying them is safe.</summary>
public sealed class RoleTargetClient
{
    private readonly OktaClient _client;

    public RoleTargetClient(OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>Group and app targets of the role, following paging. Empty means the role covers every group and app.</summary>
    public async Task<IReadOnlyList<RoleTarget>> ListAsync(string clientId, string roleAssignmentId, string roleType,
        CancellationToken cancellationToken)
    {
        var targets = new List<RoleTarget>();
        if (RoleTarget.Takes(roleType, RoleTarget.GroupKind))
        {
            await _client.GetPagesAsync(Base(clientId, roleAssignmentId) + "/groups", page =>
            {
                targets.AddRange(page.Select(g => new RoleTarget
                {
                    Kind = RoleTarget.GroupKind,
                    Target = g.GetString("id") ?? "",
                    Name = g.TryGetObject("profile", out var profile) ? profile.GetString("name") : null,
                }));
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        if (RoleTarget.Takes(roleType, RoleTarget.AppKind))
        {
            await _client.GetPagesAsync(Base(clientId, roleAssignmentId) + "/catalog/apps", page =>
            {
                targets.AddRange(page.Select(App));
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        return targets;
    }

    public Task AddGroupAsync(string clientId, string roleAssignmentId, string groupId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{Base(clientId, roleAssignmentId)}/groups/{UnknownOutcome.EscapePathSegment(groupId)}", cancellationToken);

    public Task RemoveGroupAsync(string clientId, string roleAssignmentId, string groupId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"{Base(clientId, roleAssignmentId)}/groups/{UnknownOutcome.EscapePathSegment(groupId)}", cancellationToken);

    /// <summary>PUT .../catalog/apps/{appName} (every instance) or .../catalog/apps/{appName}/{appId} (one instance).</summary>
    public Task AddAppAsync(string clientId, string roleAssignmentId, string appName, string? appId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, AppPath(clientId, roleAssignmentId, appName, appId), cancellationToken);

    public Task RemoveAppAsync(string clientId, string roleAssignmentId, string appName, string? appId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, AppPath(clientId, roleAssignmentId, appName, appId), cancellationToken);

    private async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync(new OktaRequest(method, path) { RetryFaults = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException e) when (method == HttpMethod.Delete && e.Kind == OktaErrorKind.NotFound && e.AfterUnknownOutcome)
        {
            OktaObserver.Verbose($"{path}: gone already; the interrupted first DELETE removed it.");
        }
    }

    private static RoleTarget App(JsonElement app)
    {
        var name = app.GetString("name") ?? "";
        var id = app.GetString("id");
        return new RoleTarget { Kind = RoleTarget.AppKind, Target = id is null ? name : $"{name}/{id}", Name = app.GetString("displayName") };
    }

    private static string AppPath(string clientId, string roleAssignmentId, string appName, string? appId) =>
        $"{Base(clientId, roleAssignmentId)}/catalog/apps/{UnknownOutcome.EscapePathSegment(appName)}" +
        (appId is null ? "" : "/" + UnknownOutcome.EscapePathSegment(appId));

    private static string Base(string clientId, string roleAssignmentId) =>
        $"/oauth2/v1/clients/{UnknownOutcome.EscapePathSegment(UnknownOutcome.RequireId(clientId, nameof(clientId)))}/roles/" +
        UnknownOutcome.EscapePathSegment(UnknownOutcome.RequireId(roleAssignmentId, nameof(roleAssignmentId))) + "/targets";
}
