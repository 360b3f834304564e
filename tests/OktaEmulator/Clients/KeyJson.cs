using System.Text.Json.Nodes;
using OktaEmulator.State;

namespace OktaEmulator.Clients;

/// <summary>How a registered key is written back. Okta echoes `use` (null when not sent) and adds id/status on the Apps API.</summary>
internal static class KeyJson
{
    /// <summary>DCR shape: kty, kid, use, (alg), then e/n or crv/x/y.</summary>
    public static JsonObject Dcr(AppKey key)
    {
        var json = new JsonObject { ["kty"] = key.Kty, ["kid"] = key.Kid, ["use"] = key.Use };
        return AddMaterial(json, key);
    }

    /// <summary>Apps API shape inside settings.oauthClient.jwks (as recorded): kty, id, status, kid, use, then the material.</summary>
    public static JsonObject InApp(AppKey key)
    {
        var json = new JsonObject { ["kty"] = key.Kty, ["id"] = key.Id, ["status"] = key.Status, ["kid"] = key.Kid, ["use"] = key.Use };
        return AddMaterial(json, key);
    }

    /// <summary>JWKS API shape (oAuthClientJsonWebKey): with created/lastUpdated and lifecycle links.</summary>
    public static JsonObject Resource(AppKey key, string orgUrl, string appId)
    {
        var json = new JsonObject { ["id"] = key.Id, ["kid"] = key.Kid, ["kty"] = key.Kty, ["alg"] = key.Alg, ["use"] = key.Use };
        AddMaterial(json, key, includeAlg: false);
        json["status"] = key.Status;
        json["created"] = Http.OktaTime.Format(key.Created);
        json["lastUpdated"] = Http.OktaTime.Format(key.LastUpdated);

        var self = $"{orgUrl}/api/v1/apps/{appId}/credentials/jwks/{key.Id}";
        var links = new JsonObject();
        if (key.IsActive)
        {
            links["deactivate"] = Link(self + "/lifecycle/deactivate", "POST");
        }
        else
        {
            links["activate"] = Link(self + "/lifecycle/activate", "POST");
            links["delete"] = Link(self, "DELETE");
        }

        json["_links"] = links;
        return json;
    }

    private static JsonObject AddMaterial(JsonObject json, AppKey key, bool includeAlg = true)
    {
        if (includeAlg && key.Alg is not null)
        {
            json["alg"] = key.Alg;
        }

        foreach (var (name, value) in key.Material)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    private static JsonObject Link(string href, string method) =>
        new() { ["href"] = href, ["hints"] = new JsonObject { ["allow"] = new JsonArray(method) } };
}
