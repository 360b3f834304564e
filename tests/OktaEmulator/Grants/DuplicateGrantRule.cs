using OktaEmulator.Http;

namespace OktaEmulator.Grants;

/// <summary>
/// What the org answers when a scope that is already granted (ACTIVE) by the same issuer is granted again. Okta's real answer is not
/// documented or recorded (okta-api.md §0.5: the .NET tests only show it is not a 2xx), so this picks a 400 E0000001
/// with a cause. Clients should list grants and post only the missing ones. Change it here, and only here.
/// </summary>
internal static class DuplicateGrantRule
{
    public static ApiResponse Refusal(string scopeId) =>
        ApiResponse.ValidationFailed("scopeId", $"scopeId: The scope '{scopeId}' is already granted to this app.");
}
