using System.Text.Json;
using OktaServiceApp.Core.AppKeys;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Roles;
using OktaServiceApp.Core.Scopes;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.Core.Doctor;

/// <summary>
/// Says why a service app cannot do its job, one check at a time: the app, its key, the scopes and role its calls need,
/// SUPER_ADMIN, DPoP, and a token. It reads only (a token request is its one POST, and it can be skipped); it never changes the org.
/// Each failing check carries the command that fixes it.
/// </summary>
public sealed class ServiceAppDoctor
{
    private readonly OktaClient _admin;
    private readonly Func<TokenClient> _tokens;

    /// <param name="admin">Reads the app's setup (an API token or an admin app's connection).</param>
    /// <param name="tokens">Makes the token client for the token check.</param>
    public ServiceAppDoctor(OktaClient admin, Func<TokenClient> tokens)
    {
        _admin = admin ?? throw new ArgumentNullException(nameof(admin));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
    }

    public async Task<IReadOnlyList<DoctorCheck>> ExamineAsync(DoctorRequest request, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(request.ClientId, nameof(request.ClientId));
        var conn = request.ConnectionArgument.Length == 0 ? "" : " " + request.ConnectionArgument;
        var checks = new List<DoctorCheck>();

        JsonElement app;
        try
        {
            var response = await _admin.SendAsync(new OktaRequest(HttpMethod.Get, "/api/v1/apps/" + UnknownOutcome.EscapePathSegment(id)) { RetryFaults = true },
                cancellationToken).ConfigureAwait(false);
            app = response.ReadJson();
        }
        catch (OktaApiException e) when (e.Kind == OktaErrorKind.NotFound)
        {
            checks.Add(new DoctorCheck
            {
                Check = "App", Status = DoctorCheck.Fail, Found = $"The org has no app {id}.",
                Fix = $"New-OktaJwks | New-OktaServiceApp -Name '<name>'{conn}",
            });
            return checks;
        }

        var status = app.GetString("status") ?? "";
        var requireDpop = app.TryGetObject("settings", out var settings) && settings.TryGetObject("oauthClient", out var oauth) &&
                          oauth.TryGetProperty("dpop_bound_access_tokens", out var dpop) && dpop.ValueKind == JsonValueKind.True;
        checks.Add(status == "ACTIVE"
            ? new DoctorCheck { Check = "App", Found = $"App {id} ({app.GetString("label")}) is ACTIVE." }
            : new DoctorCheck
            {
                Check = "App", Status = DoctorCheck.Fail, Found = $"App {id} is {status}: it cannot get tokens.",
                Fix = $"Invoke-OktaApi -Method POST -Path /api/v1/apps/{id}/lifecycle/activate{conn}",
            });

        var keys = await new AppKeyClient(_admin).ListAsync(id, cancellationToken).ConfigureAwait(false);
        checks.Add(KeyCheck(id, request, keys, conn));

        var calls = new List<ApiOperation>();
        var unknownCalls = new List<string>();
        foreach (var call in request.Calls)
        {
            var (method, path) = SplitCall(call);
            if (RequiredScopes.Find(method, path) is { } operation)
            {
                calls.Add(operation);
            }
            else
            {
                unknownCalls.Add(call);
            }
        }

        var granted = (await new GrantClient(_admin).ListAsync(id, cancellationToken).ConfigureAwait(false))
            .Where(g => g.Status == "ACTIVE").Select(g => g.ScopeId).ToList();
        checks.Add(ScopeCheck(id, calls, unknownCalls, granted, conn));

        var roles = await new RoleClient(_admin).ListAsync(id, cancellationToken).ConfigureAwait(false);
        checks.Add(RoleCheck(id, calls, roles, conn));
        checks.Add(roles.Any(r => r.Type == "SUPER_ADMIN")
            ? new DoctorCheck
            {
                Check = "LeastPrivilege", Status = DoctorCheck.Warn, Found = "The app holds SUPER_ADMIN: it may do anything in the org.",
                Fix = $"Set-OktaServiceAppAccess -ClientId {id} -Role {RoleCoverage.Suggest(calls)} -Confirm:$false{conn}",
            }
            : new DoctorCheck { Check = "LeastPrivilege", Found = "The app does not hold SUPER_ADMIN." });

        checks.Add(DpopCheck(id, requireDpop, request, granted, calls));
        checks.Add(await TokenCheckAsync(id, request, granted, calls, checks, cancellationToken).ConfigureAwait(false));
        return checks;
    }

    private static DoctorCheck KeyCheck(string id, DoctorRequest request, IReadOnlyList<AppKey> keys, string conn)
    {
        var active = keys.Where(k => k.Status == "ACTIVE").ToList();
        var listed = string.Join(", ", active.Select(k => k.KeyId ?? "(no kid)"));
        if (active.Count == 0)
        {
            return new DoctorCheck
            {
                Check = "Key", Status = DoctorCheck.Fail, Found = "The app has no ACTIVE key: nothing can sign its client assertions.",
                Fix = $"{request.KeyObject} | Add-OktaServiceAppKey -ClientId {id} -Confirm:$false{conn}",
            };
        }

        if (request.Key is null)
        {
            return active.Count > 1 && active.Any(k => k.KeyId is null)
                ? new DoctorCheck { Check = "Key", Status = DoctorCheck.Warn, Found = $"The app has {active.Count} ACTIVE keys and some have no kid ({listed}): Okta cannot tell which one signed." }
                : new DoctorCheck { Check = "Key", Found = $"The app has {active.Count} ACTIVE key(s): {listed}. Give -PrivateKeyPath or -Jwks to check the caller's." };
        }

        var kid = request.Key.KeyId;
        if (active.Any(k => k.KeyId == kid))
        {
            return new DoctorCheck { Check = "Key", Found = $"The key's kid {kid} is an ACTIVE key of the app." };
        }

        var inactive = keys.FirstOrDefault(k => k.KeyId == kid);
        return new DoctorCheck
        {
            Check = "Key", Status = DoctorCheck.Fail,
            Found = inactive is null
                ? $"The key's kid {kid} is not registered for the app (its ACTIVE keys: {listed})."
                : $"The key's kid {kid} is registered but {inactive.Status}.",
            Fix = inactive is null
                ? $"{request.KeyObject} | Add-OktaServiceAppKey -ClientId {id} -Confirm:$false{conn}"
                : $"Enable-OktaServiceAppKey -ClientId {id} -Id {inactive.Id} -Confirm:$false{conn}",
        };
    }

    private static DoctorCheck ScopeCheck(string id, List<ApiOperation> calls, List<string> unknownCalls, List<string> granted, string conn)
    {
        var missing = calls.SelectMany(c => c.MissingFrom(granted)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return new DoctorCheck
            {
                Check = "Scopes", Status = DoctorCheck.Fail,
                Found = $"The calls need {string.Join(", ", missing)}, which the app is not granted (granted: {(granted.Count == 0 ? "none" : string.Join(", ", granted))}).",
                Fix = $"Grant-OktaScope -ClientId {id} -Scope {string.Join(",", missing)} -Confirm:$false{conn}",
            };
        }

        if (unknownCalls.Count > 0)
        {
            return new DoctorCheck { Check = "Scopes", Status = DoctorCheck.Warn, Found = $"Okta's spec has no operation {string.Join(", ", unknownCalls)}." };
        }

        return granted.Count == 0
            ? new DoctorCheck { Check = "Scopes", Status = DoctorCheck.Warn, Found = "The app is granted no scope: its tokens can call nothing." }
            : new DoctorCheck { Check = "Scopes", Found = calls.Count == 0 ? $"Granted: {string.Join(", ", granted)}." : $"Every scope the calls need is granted ({string.Join(", ", calls.SelectMany(c => c.Scopes).Distinct())})." };
    }

    private static DoctorCheck RoleCheck(string id, List<ApiOperation> calls, IReadOnlyList<RoleAssignment> roles, string conn)
    {
        var suggestion = RoleCoverage.Suggest(calls);
        if (roles.Count == 0)
        {
            return new DoctorCheck
            {
                Check = "Role", Status = DoctorCheck.Fail, Found = "The app has no admin role: Okta refuses its calls with 403 whatever its scopes.",
                Fix = $"Add-OktaServiceAppRole -ClientId {id} -Role {suggestion} -Confirm:$false{conn}",
            };
        }

        var uncovered = calls.Where(c => !roles.Any(r => RoleCoverage.Covers(r.Type, c))).Select(c => $"{c.Method} {c.PathTemplate}").ToList();
        var held = string.Join(", ", roles.Select(r => r.Type));
        return uncovered.Count == 0
            ? new DoctorCheck { Check = "Role", Found = $"Roles {held} plausibly cover the calls." }
            : new DoctorCheck
            {
                Check = "Role", Status = DoctorCheck.Warn, Found = $"Roles {held} may not cover {string.Join(", ", uncovered)}.",
                Fix = $"Add-OktaServiceAppRole -ClientId {id} -Role {suggestion} -Confirm:$false{conn}",
            };
    }

    private DoctorCheck DpopCheck(string id, bool requireDpop, DoctorRequest request, List<string> granted, List<ApiOperation> calls)
    {
        if (!requireDpop)
        {
            return new DoctorCheck { Check = "DPoP", Found = "The app does not require DPoP-bound tokens." };
        }

        if (_admin.Registry.RequiresDpop(_admin.OrgUrl, id))
        {
            return new DoctorCheck { Check = "DPoP", Found = "The app requires DPoP and this session knows it: its tokens carry a DPoP proof (any key source works; the module makes the DPoP key)." };
        }

        var scope = calls.SelectMany(c => c.Scopes).FirstOrDefault() ?? granted.FirstOrDefault() ?? "<scope>";
        return new DoctorCheck
        {
            Check = "DPoP", Status = DoctorCheck.Fail,
            Found = "The app requires DPoP-bound tokens but this session does not know it: a caller that asks for a plain Bearer token is refused (invalid_dpop_proof).",
            Fix = $"Get-OktaAccessToken -ClientId {id} {request.KeyArgument} -Scope {scope} -Force | Out-Null",
        };
    }

    private async Task<DoctorCheck> TokenCheckAsync(string id, DoctorRequest request, List<string> granted, List<ApiOperation> calls,
        List<DoctorCheck> earlier, CancellationToken cancellationToken)
    {
        if (request.NoToken)
        {
            return new DoctorCheck { Check = "Token", Status = DoctorCheck.Warn, Found = "Not tried (-NoToken)." };
        }

        if (earlier.Any(c => c.Status == DoctorCheck.Fail))
        {
            // A token request would fail or, for DPoP, teach this session what the DPoP check reports: fix the failures first.
            return new DoctorCheck { Check = "Token", Status = DoctorCheck.Warn, Found = "Not tried: fix the failures above first." };
        }

        if (request.Key is null)
        {
            return new DoctorCheck { Check = "Token", Status = DoctorCheck.Warn, Found = "Not tried: give -PrivateKeyPath or -Jwks." };
        }

        var scopes = calls.SelectMany(c => c.Scopes).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            scopes = granted.Take(1).ToList();
        }

        if (scopes.Count == 0)
        {
            return new DoctorCheck { Check = "Token", Status = DoctorCheck.Warn, Found = "Not tried: the app is granted no scope to ask for." };
        }

        try
        {
            var token = await _tokens().GetAsync(id, request.Key, scopes, forceRefresh: false, cancellationToken).ConfigureAwait(false);
            return new DoctorCheck { Check = "Token", Found = $"Got a {token.TokenType} token for {string.Join(" ", scopes)}." };
        }
        catch (OktaApiException e)
        {
            return new DoctorCheck { Check = "Token", Status = DoctorCheck.Fail, Found = $"No token: {e.Message}" };
        }
    }

    private static (string Method, string Path) SplitCall(string call)
    {
        var text = call.Trim();
        var space = text.IndexOf(' ');
        return space > 0 && text[0] != '/' ? (text.Substring(0, space).ToUpperInvariant(), text.Substring(space + 1).Trim()) : ("GET", text);
    }
}
