using OktaEmulator.Apps;
using OktaEmulator.Control;
using OktaEmulator.Dcr;
using OktaEmulator.Grants;
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
        AppsEndpoints.Map(routes, org);
        AppKeysEndpoints.Map(routes, org);
        GrantsEndpoints.Map(routes, org);
        TokenEndpoint.Map(routes, org);
        UsersEndpoints.Map(routes, org);
        ControlEndpoints.Map(routes, org);
    }
}
