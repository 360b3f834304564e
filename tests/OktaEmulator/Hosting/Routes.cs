using OktaEmulator.Apps;
using OktaEmulator.Control;
using OktaEmulator.Dcr;
using OktaEmulator.Grants;
using OktaEmulator.Groups;
using OktaEmulator.Iam;
using OktaEmulator.PrincipalRateLimits;
using OktaEmulator.Roles;
using OktaEmulator.Token;
using OktaEmulator.Users;

namespace OktaEmulator.Hosting;

/// <summary>Every endpoint the org serves, one mapper per API family.</summary>
internal static class Routes
{
    public static void Map(IEndpointRouteBuilder routes, OrgRuntime org)
    {
        DcrEndpoints.Map(routes, org);
        ClientRolesEndpoints.Map(routes, org);
        RoleTargetsEndpoints.Map(routes, org);
        CustomRolesEndpoints.Map(routes, org);
        ResourceSetsEndpoints.Map(routes, org);
        GroupsEndpoints.Map(routes, org);
        PrincipalRateLimitsEndpoints.Map(routes, org);
        AppsEndpoints.Map(routes, org);
        AppKeysEndpoints.Map(routes, org);
        GrantsEndpoints.Map(routes, org);
        TokenEndpoint.Map(routes, org);
        UsersEndpoints.Map(routes, org);
        ControlEndpoints.Map(routes, org);
    }
}
