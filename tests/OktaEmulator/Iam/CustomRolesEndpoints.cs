using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OktaEmulator.Auth;
using OktaEmulator.Hosting;
using OktaEmulator.Http;
using OktaEmulator.State;

namespace OktaEmulator.Iam;

/// <summary>Custom admin roles, /api/v1/iam/roles (spec tag RoleECustom). Create answers 200; {roleIdOrLabel} takes an id or a label.</summary>
internal static partial class CustomRolesEndpoints
{
    private const string Base = "/api/v1/iam/roles";

    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        routes.MapGet(Base, (HttpRequest r) => List(r, org)).RequireScope(ScopeRequirement.Read("roles"));
        routes.MapPost(Base, (HttpRequest r) => CreateAsync(r, org)).RequireScope(ScopeRequirement.Manage("roles"));
        routes.MapGet(Base + "/{roleIdOrLabel}", (string roleIdOrLabel) => Get(org, roleIdOrLabel)).RequireScope(ScopeRequirement.Read("roles"));
        routes.MapDelete(Base + "/{roleIdOrLabel}", (string roleIdOrLabel) => Delete(org, roleIdOrLabel))
            .RequireScope(ScopeRequirement.Manage("roles"));
    }

    public static ApiResponse RoleNotFound(string idOrLabel) => ApiResponse.NotFound(idOrLabel, "CustomRole");

    /// <summary>Okta permissions look like okta.users.read or okta.users.userprofile.manage (spec guide "Permissions").</summary>
    [GeneratedRegex(@"^okta(\.[A-Za-z]+){2,4}$")]
    private static partial Regex PermissionShape();

    private static IResult List(HttpRequest request, OrgRuntime org)
    {
        lock (org.Store.Gate)
        {
            return ApiResponse.Ok(IamPage.Build(request, org.OrgUrl, "roles", org.Store.CustomRoles, r => r.Sequence, r => Json(r, org.OrgUrl)));
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
        var permissions = body.StringList("permissions", out var permissionsValid);
        var causes = new List<string>();
        if (string.IsNullOrWhiteSpace(label))
        {
            causes.Add("label: The field cannot be left blank");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            causes.Add("description: The field cannot be left blank");
        }

        if (!permissionsValid || permissions is null || permissions.Count == 0)
        {
            causes.Add("permissions: The role must have at least one permission");
        }
        else
        {
            causes.AddRange(permissions.Where(p => !PermissionShape().IsMatch(p)).Select(p => $"permissions: '{p}' is not a valid permission"));
        }

        if (causes.Count > 0)
        {
            return ApiResponse.ValidationFailed("role", causes.ToArray());
        }

        lock (org.Store.Gate)
        {
            if (org.Store.CustomRoles.Any(r => r.Label == label))
            {
                return ApiResponse.ValidationFailed("label", "label: A role with this label already exists");
            }

            var now = org.Now();
            var role = new IamRoleRecord
            {
                Id = OktaIds.CustomRole(), Sequence = org.Store.NextSequence(), Label = label!, Description = description!,
                Permissions = permissions!.Distinct(StringComparer.Ordinal).ToList(), Created = now, LastUpdated = now,
            };
            org.Store.CustomRoles.Add(role);
            return ApiResponse.Ok(Json(role, org.OrgUrl));
        }
    }

    private static IResult Get(OrgRuntime org, string roleIdOrLabel)
    {
        lock (org.Store.Gate)
        {
            return org.Store.FindCustomRole(roleIdOrLabel) is { } role ? ApiResponse.Ok(Json(role, org.OrgUrl)) : RoleNotFound(roleIdOrLabel);
        }
    }

    private static IResult Delete(OrgRuntime org, string roleIdOrLabel)
    {
        lock (org.Store.Gate)
        {
            if (org.Store.FindCustomRole(roleIdOrLabel) is not { } role)
            {
                return RoleNotFound(roleIdOrLabel);
            }

            org.Store.CustomRoles.Remove(role);
            foreach (var app in org.Store.Apps)
            {
                app.Roles.RemoveAll(r => r.CustomRoleId == role.Id);
            }

            return ApiResponse.NoContent();
        }
    }

    public static JsonObject Json(IamRoleRecord role, string orgUrl) => new()
    {
        ["id"] = role.Id,
        ["label"] = role.Label,
        ["description"] = role.Description,
        ["created"] = OktaTime.Format(role.Created),
        ["lastUpdated"] = OktaTime.Format(role.LastUpdated),
        ["_links"] = new JsonObject
        {
            ["permissions"] = new JsonObject { ["href"] = $"{orgUrl}{Base}/{role.Id}/permissions" },
            ["self"] = new JsonObject { ["href"] = $"{orgUrl}{Base}/{role.Id}" },
        },
    };
}
