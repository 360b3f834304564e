using System.Text.Json;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.RateLimits;
using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.Core.Reports;

/// <summary>
/// The posture of every service app in the org: walks the app list page by page and, for each app, reads its roles, grants, keys and
/// DPoP setting; the rate-limit shares are read once. Reads only.
/// </summary>
public sealed class ServiceAppReporter
{
    private readonly OktaClient _client;

    public ServiceAppReporter(OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <param name="onApp">Called with each app's posture and how many apps have been reported so far.</param>
    public async Task RunAsync(Func<ServiceAppPosture, int, Task> onApp, CancellationToken cancellationToken)
    {
        var shares = (await new PrincipalRateLimitClient(_client).ListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.ClientId, s => s.Percent, StringComparer.Ordinal);
        var now = _client.Options.Clock();
        var count = 0;
        await new ServiceAppClient(_client).ListAsync(null, async app =>
        {
            var posture = await ExamineAsync(app, shares, now, cancellationToken).ConfigureAwait(false);
            await onApp(posture, ++count).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ServiceAppPosture> ExamineAsync(ServiceApp app, Dictionary<string, int?> shares, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var id = app.ClientId;
        var roles = await new RoleClient(_client).ListAsync(id, cancellationToken).ConfigureAwait(false);
        var grants = await new GrantClient(_client).ListAsync(id, cancellationToken).ConfigureAwait(false);
        var keys = (await new AppKeyClient(_client).ListAsync(id, cancellationToken).ConfigureAwait(false)).Where(k => k.Status == "ACTIVE").ToList();
        var (status, dpop) = await AppsApiAsync(id, cancellationToken).ConfigureAwait(false);
        var oldest = keys.Where(k => k.Created is not null).Select(k => k.Created!.Value).DefaultIfEmpty().Min();
        return new ServiceAppPosture
        {
            ClientId = id,
            Name = app.Name,
            Status = status,
            Roles = roles.Select(r => r.Type).ToList(),
            SuperAdmin = roles.Any(r => r.Type == "SUPER_ADMIN"),
            ScopeCount = grants.Count(g => g.Status == "ACTIVE"),
            RequireDpop = dpop,
            ActiveKeyCount = keys.Count,
            KeysWithoutKid = keys.Count(k => string.IsNullOrEmpty(k.KeyId)),
            OldestKeyAgeDays = oldest == default ? null : (int)Math.Floor((now - oldest).TotalDays),
            RateLimitPercent = shares.TryGetValue(id, out var share) ? share : null,
        };
    }

    /// <summary>Status and DPoP come from the Apps API; DCR has neither.</summary>
    private async Task<(string Status, bool? Dpop)> AppsApiAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps/" + UnknownOutcome.EscapePathSegment(id)) { RetryFaults = true },
            cancellationToken).ConfigureAwait(false);
        var app = response.ReadJson();
        bool? dpop = app.TryGetObject("settings", out var settings) && settings.TryGetObject("oauthClient", out var oauth) &&
                     oauth.TryGetProperty("dpop_bound_access_tokens", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? flag.ValueKind == JsonValueKind.True
            : null;
        return (app.GetString("status") ?? "", dpop);
    }
}
