using System.Text.Json.Nodes;
using OktaEmulator.Auth;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Iam;

/// <summary>
/// Resource sets, /api/v1/iam/resource-sets (spec tags RoleCResourceSet, RoleCResourceSetResource). Create answers 200;
/// {resourceSetIdOrLabel} takes an id or a label; at most 1000 resources per set.
/// </summary>
internal static class ResourceSetsEndpoints
{
    public const int MaxResources = 1000;
    private const string Base = "/api/v1/iam/resource-sets";

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapGet(Base, (HttpRequest r) => List(r, org)).RequireScope(ScopeRequirement.Read("roles"));
        routes.MapPost(Base, (HttpRequest r) => CreateAsync(r, org)).RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapGet(Base + "/{resourceSetIdOrLabel}", (string resourceSetIdOrLabel) => Get(org, resourceSetIdOrLabel))
            .RequireScope(ScopeRequirement.Read("roles"));
        routes.MapDelete(Base + "/{resourceSetIdOrLabel}", (string resourceSetIdOrLabel) => Delete(org, resourceSetIdOrLabel))
            .RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapGet(Base + "/{resourceSetIdOrLabel}/resources", (HttpRequest r, string resourceSetIdOrLabel) =>
            ListResources(r, org, resourceSetIdOrLabel)).RequireScope(ScopeRequirement.Read("roles"));
        routes.MapPatch(Base + "/{resourceSetIdOrLabel}/resources", (HttpRequest r, string resourceSetIdOrLabel) =>
            AddResourcesAsync(r, org, resourceSetIdOrLabel)).RequireScope(ScopeRequirement.Manage("roles"));
    }

    public static ApiResponse SetNotFound(string idOrLabel) => ApiResponse.NotFound(idOrLabel, "ResourceSet");

    private static IResult List(HttpRequest request, OrgRuntime org)
    {
        lock (org.Store.Gate)
        {
            return ApiResponse.Ok(IamPage.Build(request, org.OrgUrl, "resource-sets", org.Store.ResourceSets, s => s.Sequence,
                s => Json(s, org.OrgUrl)));
        }
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, OrgRuntime org)
    {
        var body = await JsonBody.ReadObjectAsync(request);
        if (body is null)
        {
            return ApiResponse.MalformedBody();
        }

        var label = body.String("label");
        var description = body.String("description");
        var resources = body.StringList("resources", out var resourcesValid);
        var causes = new List<string>();
        if (string.IsNullOrWhiteSpace(label))
        {
            causes.Add("label: The field cannot be left blank");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            causes.Add("description: The field cannot be left blank");
        }

        if (!resourcesValid || resources is null || resources.Count == 0)
        {
            causes.Add("resources: The resource set must have at least one resource");
        }

        if (causes.Count > 0)
        {
            return ApiResponse.ValidationFailed("resourceSet", causes.ToArray());
        }

        lock (org.Store.Gate)
        {
            if (org.Store.ResourceSets.Any(s => s.Label == label))
            {
                return ApiResponse.ValidationFailed("label", "label: A resource set with this label already exists");
            }

            var now = org.Now();
            var set = new ResourceSetRecord
            {
                Id = OktaIds.ResourceSet(), Sequence = org.Store.NextSequence(), Label = label!, Description = description!,
                Created = now, LastUpdated = now,
            };
            if (AddResources(org, set, resources!) is { } refusal)
            {
                return refusal;
            }

            org.Store.ResourceSets.Add(set);
            return ApiResponse.Ok(Json(set, org.OrgUrl));
        }
    }

    private static IResult Get(OrgRuntime org, string idOrLabel)
    {
        lock (org.Store.Gate)
        {
            return org.Store.FindResourceSet(idOrLabel) is { } set ? ApiResponse.Ok(Json(set, org.OrgUrl)) : SetNotFound(idOrLabel);
        }
    }

    private static IResult Delete(OrgRuntime org, string idOrLabel)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindResourceSet(idOrLabel) is not { } set)
            {
                return SetNotFound(idOrLabel);
            }

            org.Store.ResourceSets.Remove(set);
            foreach (var app in org.Store.Apps)
            {
                app.Roles.RemoveAll(r => r.ResourceSetId == set.Id);
            }

            return ApiResponse.NoContent();
        }
    }

    /// <summary>{"resources": [...], "_links": {"next"?, "resource-set"}}; Okta's default page is 100.</summary>
    private static IResult ListResources(HttpRequest request, OrgRuntime org, string idOrLabel)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindResourceSet(idOrLabel) is not { } set)
            {
                return SetNotFound(idOrLabel);
            }

            var page = IamPage.Build(request, org.OrgUrl, "resources", set.Resources, r => r.Sequence, r => ResourceJson(r, set, org.OrgUrl));
            page["_links"]!["resource-set"] = new JsonObject { ["href"] = $"{org.OrgUrl}{Base}/{set.Id}" };
            return ApiResponse.Ok(page);
        }
    }

    private static async Task<IResult> AddResourcesAsync(HttpRequest request, OrgRuntime org, string idOrLabel)
    {
        var body = await JsonBody.ReadObjectAsync(request);
        if (body is null)
        {
            return ApiResponse.MalformedBody();
        }

        var additions = body.StringList("additions", out var valid);
        if (!valid || additions is null || additions.Count == 0)
        {
            return ApiResponse.ValidationFailed("additions", "additions: The field cannot be left blank");
        }

        lock (org.Store.Gate)
        {
            if (org.Store.FindResourceSet(idOrLabel) is not { } set)
            {
                return SetNotFound(idOrLabel);
            }

            if (AddResources(org, set, additions) is { } refusal)
            {
                return refusal;
            }

            set.LastUpdated = org.Now();
            return ApiResponse.Ok(Json(set, org.OrgUrl));
        }
    }

    /// <summary>Checks every resource first, then adds those not already there: a refused request changes nothing.</summary>
    private static ApiResponse? AddResources(OrgRuntime org, ResourceSetRecord set, IReadOnlyList<string> resources)
    {
        var resolved = new List<(string Href, string Orn)>();
        var causes = new List<string>();
        foreach (var resource in resources)
        {
            if (ResourceAddress.Resolve(resource, org.OrgUrl, org.Store, out var error) is { } address)
            {
                resolved.Add(address);
            }
            else
            {
                causes.Add(error);
            }
        }

        if (causes.Count > 0)
        {
            return ApiResponse.ValidationFailed("resources", causes.ToArray());
        }

        var added = resolved.Where(r => set.Resources.All(existing => existing.Orn != r.Orn)).DistinctBy(r => r.Orn).ToList();
        if (set.Resources.Count + added.Count > MaxResources)
        {
            return ApiResponse.ValidationFailed("resources", $"resources: A resource set can hold at most {MaxResources} resources");
        }

        foreach (var (href, orn) in added)
        {
            set.Resources.Add(new ResourceRecord
            {
                Id = OktaIds.ResourceSetResource(), Sequence = org.Store.NextSequence(), Href = href, Orn = orn, Created = org.Now(),
            });
        }

        return null;
    }

    public static JsonObject Json(ResourceSetRecord set, string orgUrl) => new()
    {
        ["id"] = set.Id,
        ["label"] = set.Label,
        ["description"] = set.Description,
        ["created"] = OktaTime.Format(set.Created),
        ["lastUpdated"] = OktaTime.Format(set.LastUpdated),
        ["_links"] = new JsonObject
        {
            ["self"] = new JsonObject { ["href"] = $"{orgUrl}{Base}/{set.Id}" },
            ["resources"] = new JsonObject { ["href"] = $"{orgUrl}{Base}/{set.Id}/resources" },
            ["bindings"] = new JsonObject { ["href"] = $"{orgUrl}{Base}/{set.Id}/bindings" },
        },
    };

    private static JsonObject ResourceJson(ResourceRecord resource, ResourceSetRecord set, string orgUrl) => new()
    {
        ["id"] = resource.Id,
        ["orn"] = resource.Orn,
        ["created"] = OktaTime.Format(resource.Created),
        ["lastUpdated"] = OktaTime.Format(resource.Created),
        ["_links"] = new JsonObject
        {
            ["self"] = new JsonObject { ["href"] = resource.Href },
            ["resource"] = new JsonObject { ["href"] = $"{orgUrl}{Base}/{set.Id}/resources/{resource.Id}" },
        },
    };
}
