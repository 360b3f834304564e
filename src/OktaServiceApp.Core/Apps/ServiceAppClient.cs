using System.Globalization;
using System.Text.Json;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.Core.Apps;

/// <summary>Creates, finds and deletes service apps.</summary>
public sealed class ServiceAppClient
{
    private const string ClientsPath = "/oauth2/v1/clients";
    private const string AppsPath = "/api/v1/apps";

    private readonly OktaClient _client;

    public ServiceAppClient(OktaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>POST /oauth2/v1/clients with the seed guide's body, or POST /api/v1/apps when RequireDpop.
    /// An unknown outcome (dropped connection, 5xx, timeout) is never re-POSTed blindly: the client is looked up by
    /// q=client_name and kid first.</summary>
    public async Task<ServiceApp> CreateAsync(ServiceAppSpec spec, CancellationToken cancellationToken)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        var name = spec.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new ArgumentException("The service app needs a name.", nameof(spec));
        }

        if (spec.Keys is null || spec.Keys.Count == 0)
        {
            throw new ArgumentException("The service app needs at least one public key.", nameof(spec));
        }

        var keys = spec.Keys.Select(CopyPublic).ToList();
        var request = spec.RequireDpop
            ? new OktaRequest(HttpMethod.Post, AppsPath + "?activate=true") { JsonBody = AppsApiModels.CreateRequest(name, keys) }
            : new OktaRequest(HttpMethod.Post, ClientsPath) { JsonBody = DcrModels.CreateRequest(name, keys) };

        // Okta allows two apps of one name, so a create is never refused as a duplicate: only an unknown outcome is looked behind.
        var app = await IdempotentWrite.RunAsync(_client, $"creation of '{name}'",
            async ct =>
            {
                var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
                var json = response.ReadJson();
                var created = spec.RequireDpop ? AppsApiModels.Map(json, response) : DcrModels.Map(json, response);
                OktaObserver.Verbose($"Created service app '{created.Name}' with client id {created.ClientId}.");
                return created;
            },
            ct => FindCreatedAsync(name, keys, spec.RequireDpop, ct),
            AlreadyExistsAnswer.Error, cancellationToken).ConfigureAwait(false);
        Remember(app);
        return app;
    }

    /// <summary>GET /oauth2/v1/clients/{clientId}.</summary>
    public async Task<ServiceApp> GetAsync(string clientId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        try
        {
            var response = await _client.SendAsync(
                new OktaRequest(HttpMethod.Get, $"{ClientsPath}/{UnknownOutcome.EscapePathSegment(id)}") { RetryFaults = true },
                cancellationToken).ConfigureAwait(false);
            return DcrModels.Map(response.ReadJson(), response);
        }
        catch (OktaApiException ex) when (IsUnknownClient(ex))
        {
            throw AsNotFound(ex, id);
        }
    }

    /// <summary>GET /oauth2/v1/clients?q=..., following paging; only service apps are passed on.</summary>
    public Task ListAsync(string? nameStartsWith, Func<ServiceApp, Task> onApp, CancellationToken cancellationToken)
    {
        if (onApp is null)
        {
            throw new ArgumentNullException(nameof(onApp));
        }

        var prefix = nameStartsWith?.Trim();
        if (prefix is { Length: 0 })
        {
            prefix = null;
        }

        return ListClientsAsync(prefix, async (app, _) =>
        {
            if (IsServiceApp(app) &&
                (prefix is null || app.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                await onApp(app).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <summary>DELETE /oauth2/v1/clients/{clientId}.</summary>
    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        var id = UnknownOutcome.RequireId(clientId, nameof(clientId));
        try
        {
            await _client.SendAsync(
                new OktaRequest(HttpMethod.Delete, $"{ClientsPath}/{UnknownOutcome.EscapePathSegment(id)}") { RetryFaults = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException ex) when ((ex.Kind == OktaErrorKind.NotFound || IsUnknownClient(ex)) && ex.AfterUnknownOutcome)
        {
            OktaObserver.Verbose($"Service app {id} is gone: the interrupted first DELETE removed it.");
        }
        catch (OktaApiException ex) when (IsUnknownClient(ex))
        {
            throw AsNotFound(ex, id);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private async Task ListClientsAsync(string? query, Func<ServiceApp, JsonElement, Task> onClient,
        CancellationToken cancellationToken)
    {
        var path = ClientsPath + "?limit=200" + (query is null ? "" : "&q=" + Uri.EscapeDataString(query));
        await _client.GetPagesAsync(path, async page =>
        {
            foreach (var item in page)
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                await onClient(DcrModels.Map(item, null), item).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ServiceApp?> FindCreatedAsync(string name, IReadOnlyList<PublicJwk> keys, bool appsApi,
        CancellationToken cancellationToken)
    {
        ServiceApp? found = null;
        if (appsApi)
        {
            var path = AppsPath + "?limit=200&q=" + Uri.EscapeDataString(name);
            await _client.GetPagesAsync(path, page =>
            {
                foreach (var item in page)
                {
                    if (found is null && item.ValueKind == JsonValueKind.Object)
                    {
                        var app = AppsApiModels.Map(item, null);
                        if (IsOurs(app, name, keys))
                        {
                            found = app;
                        }
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ListClientsAsync(name, (app, _) =>
            {
                if (found is null && IsOurs(app, name, keys))
                {
                    found = app;
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }

    /// <summary>Same name and one of our keys (by kid, or by modulus / point when a key has no kid).</summary>
    private static bool IsOurs(ServiceApp app, string name, IReadOnlyList<PublicJwk> keys) =>
        string.Equals(app.Name, name, StringComparison.Ordinal) &&
        app.Keys.Any(theirs => keys.Any(ours => SameKey(ours, theirs)));

    private static bool SameKey(PublicJwk ours, PublicJwk theirs)
    {
        if (ours.Kid is { Length: > 0 } && theirs.Kid is { Length: > 0 })
        {
            return string.Equals(ours.Kid, theirs.Kid, StringComparison.Ordinal);
        }

        if (ours.N is { Length: > 0 })
        {
            return string.Equals(ours.N, theirs.N, StringComparison.Ordinal);
        }

        return ours.X is { Length: > 0 } && string.Equals(ours.X, theirs.X, StringComparison.Ordinal) &&
               string.Equals(ours.Y, theirs.Y, StringComparison.Ordinal);
    }

    private static bool IsServiceApp(ServiceApp app) =>
        string.Equals(app.ApplicationType, "service", StringComparison.OrdinalIgnoreCase) &&
        app.GrantTypes.Contains("client_credentials", StringComparer.Ordinal);

    /// <summary>The old DCR API answers an unknown client_id with 401 invalid_client instead of 404.</summary>
    private static bool IsUnknownClient(OktaApiException ex) =>
        ex.Kind == OktaErrorKind.Unauthorized && ex.OAuthError == "invalid_client";

    private static OktaApiException AsNotFound(OktaApiException ex, string clientId) =>
        new(OktaErrorKind.NotFound, $"No service app has the client id {clientId} ({(ex.StatusCode is { } s ? "HTTP " + s.ToString(CultureInfo.InvariantCulture) + ", " : "")}{ex.OAuthError}{(ex.RequestId is null ? "" : ", request id " + ex.RequestId)}).", ex)
        {
            StatusCode = ex.StatusCode,
            Method = ex.Method,
            Path = ex.Path,
            ErrorCode = ex.ErrorCode,
            ErrorSummary = ex.ErrorSummary,
            ErrorCauses = ex.ErrorCauses,
            ErrorId = ex.ErrorId,
            RequestId = ex.RequestId,
            OAuthError = ex.OAuthError,
            OAuthErrorDescription = ex.OAuthErrorDescription,
            RequiredScope = ex.RequiredScope,
            DpopNonce = ex.DpopNonce,
            AfterUnknownOutcome = ex.AfterUnknownOutcome,
        };

    private void Remember(ServiceApp app)
    {
        if (app.RequireDpop == true && app.ClientId.Length > 0)
        {
            _client.Registry.MarkRequiresDpop(_client.OrgUrl, app.ClientId);
        }
    }

    /// <summary>A copy that holds public members only, whatever the caller's object carries.</summary>
    internal static PublicJwk CopyPublic(PublicJwk key)
    {
        if (key is null)
        {
            throw new ArgumentException("A key of the service app is null.", "spec");
        }

        return new PublicJwk
        {
            Kty = key.Kty,
            Kid = key.Kid,
            Alg = key.Alg,
            Use = key.Use,
            N = key.N,
            E = key.E,
            Crv = key.Crv,
            X = key.X,
            Y = key.Y,
        };
    }
}
