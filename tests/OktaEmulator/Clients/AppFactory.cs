using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Clients;

/// <summary>Builds and updates the one app record both DCR and the Apps API write.</summary>
internal static class AppFactory
{
    public static AppRecord Create(OrgRuntime org, string label, ClientSettings settings, string createdVia, string? customClientId)
    {
        var now = org.Now();
        var id = OktaIds.App();
        var app = new AppRecord
        {
            Id = id,
            ClientId = customClientId ?? id,
            Sequence = org.Store.NextSequence(),
            Created = now,
            CreatedVia = createdVia,
            Label = label,
            // DCR-created clients need user consent by default, Apps-API-created ones are trusted (S-oauth createClient).
            ConsentMethod = createdVia == "dcr" ? "REQUIRED" : "TRUSTED",
        };
        Apply(app, settings, now);
        return app;
    }

    /// <summary>Replaces the OAuth settings (and keys) of an app: create and full-replace (PUT) both land here.</summary>
    public static void Apply(AppRecord app, ClientSettings settings, DateTimeOffset now)
    {
        app.ApplicationType = settings.ApplicationType;
        app.GrantTypes = settings.GrantTypes.ToList();
        app.ResponseTypes = settings.ResponseTypes.ToList();
        app.RedirectUris = settings.RedirectUris.ToList();
        app.PostLogoutRedirectUris = settings.PostLogoutRedirectUris.ToList();
        app.TokenEndpointAuthMethod = settings.TokenEndpointAuthMethod;
        app.JwksUri = settings.JwksUri;
        app.DpopBound = settings.DpopBound;
        app.Keys = settings.Keys.Select(k => AppKey.From(k, OktaIds.JwkKey(), now)).ToList();
        app.LastUpdated = now;

        var usesSecret = settings.TokenEndpointAuthMethod is "client_secret_basic" or "client_secret_post" or "client_secret_jwt";
        app.ClientSecret = usesSecret ? app.ClientSecret ?? OktaIds.Secret(64) : null;
    }
}
