using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OktaEmulator.Auth;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.PrincipalRateLimits;

/// <summary>
/// A principal's share of the org rate limits, /api/v1/principal-rate-limits (spec tag PrincipalRateLimit). The list needs
/// `filter=principalType eq "…"`; create answers 201 and "Okta only allows one principal rate limit entity per org and principal";
/// percentages are whole numbers from 0 to 100.
/// </summary>
internal static partial class PrincipalRateLimitsEndpoints
{
    private const string Base = "/api/v1/principal-rate-limits";
    private static readonly string[] s_types = ["OAUTH_CLIENT", "SSWS_TOKEN"];

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapGet(Base, (HttpRequest r) => List(r, org)).RequireScope(ScopeRequirement.Read("principalRateLimits"));
        routes.MapPost(Base, (HttpRequest r) => CreateAsync(r.HttpContext, org)).RequireScope(ScopeRequirement.Manage("principalRateLimits"));
        routes.MapGet(Base + "/{principalRateLimitId}", (string principalRateLimitId) => Get(org, principalRateLimitId))
            .RequireScope(ScopeRequirement.Read("principalRateLimits"));
        routes.MapPut(Base + "/{principalRateLimitId}", (HttpContext c, string principalRateLimitId) => ReplaceAsync(c, org, principalRateLimitId))
            .RequireScope(ScopeRequirement.Manage("principalRateLimits"));
    }

    [GeneratedRegex("""^\s*principalType\s+eq\s+"(?<type>[A-Z_]+)"\s*$""")]
    private static partial Regex FilterShape();

    private static IResult List(HttpRequest request, OrgRuntime org)
    {
        var filter = request.Query["filter"].ToString();
        if (filter.Length == 0)
        {
            return ApiResponse.ValidationFailed("filter", "filter: The filter parameter is required.");
        }

        var match = FilterShape().Match(filter);
        if (!match.Success || !s_types.Contains(match.Groups["type"].Value))
        {
            return ApiResponse.ValidationFailed("filter", $"filter: '{filter}' is not a valid filter; use principalType eq \"OAUTH_CLIENT\" or \"SSWS_TOKEN\".");
        }

        var type = match.Groups["type"].Value;
        var paging = Paging.From(request, org.OrgUrl, defaultLimit: 20, maxLimit: 50, "filter");
        var array = new JsonArray();
        var response = ApiResponse.Ok(array);
        lock (org.Store.Gate)
        {
            foreach (var entity in paging.Apply(org.Store.PrincipalRateLimits.Where(p => p.PrincipalType == type), p => p.Sequence, response))
            {
                array.Add(Json(entity, org.Store.OrgId));
            }
        }

        return response;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, OrgRuntime org)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body is null)
        {
            return ApiResponse.MalformedBody();
        }

        if (Validate(body) is { } invalid)
        {
            return invalid;
        }

        var principalId = body.String("principalId")!;
        var principalType = body.String("principalType")!;
        lock (org.Store.Gate)
        {
            if (principalType == "OAUTH_CLIENT" && org.Store.FindClient(principalId) is null)
            {
                return ApiResponse.NotFound(principalId, "OAuthClient");
            }

            if (org.Store.PrincipalRateLimits.Any(p => p.PrincipalId == principalId && p.PrincipalType == principalType))
            {
                return ApiResponse.ValidationFailed("principalId",
                    "principalId: A principal rate limit entity already exists for this principal. Replace it instead.");
            }

            var now = org.Now();
            var caller = Caller.Of(context).Id;
            var entity = new PrincipalRateLimitRecord
            {
                Id = OktaIds.PrincipalRateLimit(), Sequence = org.Store.NextSequence(), PrincipalId = principalId, PrincipalType = principalType,
                DefaultPercentage = Percent(body, "defaultPercentage"), DefaultConcurrencyPercentage = Percent(body, "defaultConcurrencyPercentage"),
                CreatedDate = now, CreatedBy = caller, LastUpdate = now, LastUpdatedBy = caller,
            };
            org.Store.PrincipalRateLimits.Add(entity);
            return ApiResponse.Json(StatusCodes.Status201Created, Json(entity, org.Store.OrgId));
        }
    }

    private static IResult Get(OrgRuntime org, string id)
    {
        lock (org.Store.Gate)
        {
            return Find(org, id) is { } entity ? ApiResponse.Ok(Json(entity, org.Store.OrgId)) : NotFound(id);
        }
    }

    /// <summary>Replaces the percentages; the principal of an entity cannot change.</summary>
    private static async Task<IResult> ReplaceAsync(HttpContext context, OrgRuntime org, string id)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body is null)
        {
            return ApiResponse.MalformedBody();
        }

        if (Validate(body) is { } invalid)
        {
            return invalid;
        }

        lock (org.Store.Gate)
        {
            if (Find(org, id) is not { } entity)
            {
                return NotFound(id);
            }

            if (entity.PrincipalId != body.String("principalId") || entity.PrincipalType != body.String("principalType"))
            {
                return ApiResponse.ValidationFailed("principalId", "principalId: The principal of a principal rate limit entity cannot be changed.");
            }

            entity.DefaultPercentage = Percent(body, "defaultPercentage");
            entity.DefaultConcurrencyPercentage = Percent(body, "defaultConcurrencyPercentage");
            entity.LastUpdate = org.Now();
            entity.LastUpdatedBy = Caller.Of(context).Id;
            return ApiResponse.Ok(Json(entity, org.Store.OrgId));
        }
    }

    private static ApiResponse? Validate(JsonObject body)
    {
        var causes = new List<string>();
        if (string.IsNullOrEmpty(body.String("principalId")))
        {
            causes.Add("principalId: The field cannot be left blank");
        }

        var type = body.String("principalType");
        if (type is null || !s_types.Contains(type))
        {
            causes.Add($"principalType: '{type}' is not one of OAUTH_CLIENT, SSWS_TOKEN");
        }

        foreach (var name in new[] { "defaultPercentage", "defaultConcurrencyPercentage" })
        {
            if (body[name] is null)
            {
                continue;
            }

            if (body[name] is not JsonValue value || !value.TryGetValue<int>(out var percent) || percent is < 0 or > 100)
            {
                causes.Add($"{name}: The value must be a whole number from 0 to 100");
            }
        }

        return causes.Count > 0 ? ApiResponse.ValidationFailed("principalRateLimitEntity", causes.ToArray()) : null;
    }

    private static int? Percent(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<int>(out var p) ? p : null;

    private static PrincipalRateLimitRecord? Find(OrgRuntime org, string id) => org.Store.PrincipalRateLimits.FirstOrDefault(p => p.Id == id);

    private static ApiResponse NotFound(string id) => ApiResponse.NotFound(id, "PrincipalRateLimitEntity");

    private static JsonObject Json(PrincipalRateLimitRecord entity, string orgId) => new()
    {
        ["id"] = entity.Id,
        ["orgId"] = orgId,
        ["principalId"] = entity.PrincipalId,
        ["principalType"] = entity.PrincipalType,
        ["defaultPercentage"] = entity.DefaultPercentage,
        ["defaultConcurrencyPercentage"] = entity.DefaultConcurrencyPercentage,
        ["lastUpdate"] = OktaTime.Format(entity.LastUpdate),
        ["lastUpdatedBy"] = entity.LastUpdatedBy,
        ["createdDate"] = OktaTime.Format(entity.CreatedDate),
        ["createdBy"] = entity.CreatedBy,
    };
}
