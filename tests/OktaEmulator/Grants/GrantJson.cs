using System.Text.Json.Nodes;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Grants;

/// <summary>OAuth2ScopeConsentGrant, as recorded (N-py cassette test_grant_consent_to_scope).</summary>
internal static class GrantJson
{
    public static JsonObject Grant(GrantRecord grant, AppRecord app, string orgUrl, bool embedScope)
    {
        var json = new JsonObject
        {
            ["id"] = grant.Id,
            ["status"] = grant.Status,
            ["created"] = OktaTime.Format(grant.Created),
            ["createdBy"] = new JsonObject { ["id"] = grant.CreatedById, ["type"] = grant.CreatedByType },
            ["lastUpdated"] = OktaTime.Format(grant.LastUpdated),
            ["issuer"] = grant.Issuer,
            ["clientId"] = grant.ClientId,
            ["scopeId"] = grant.ScopeId,
            ["source"] = "ADMIN",
        };

        if (embedScope)
        {
            json["_embedded"] = new JsonObject { ["scope"] = new JsonObject { ["id"] = grant.ScopeId } };
        }

        json["_links"] = new JsonObject
        {
            ["app"] = new JsonObject { ["href"] = $"{orgUrl}/api/v1/apps/{grant.AppId}", ["title"] = app.Label },
            ["self"] = new JsonObject
            {
                ["href"] = $"{orgUrl}/api/v1/apps/{grant.AppId}/grants/{grant.Id}",
                ["hints"] = new JsonObject { ["allow"] = new JsonArray("GET", "DELETE") },
            },
            ["client"] = new JsonObject { ["href"] = $"{orgUrl}/oauth2/v1/clients/{grant.ClientId}", ["title"] = app.Label },
        };
        return json;
    }
}
