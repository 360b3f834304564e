using OktaEmulator.Http;

namespace OktaEmulator.Roles;

/// <summary>
/// What the org answers when a client is given a standard role it already has. Okta's exact answer is not
/// recorded anywhere we could read; E0000090 "Duplicate role assignment exception." (409) is its catalog entry
/// for this case. Change it here, and only here.
/// </summary>
internal static class DuplicateRoleRule
{
    public static ApiResponse Refusal(string roleType) =>
        ApiResponse.OktaError(StatusCodes.Status409Conflict, "E0000090", "Duplicate role assignment exception.",
            $"The role {roleType} is already assigned to this client.");
}
