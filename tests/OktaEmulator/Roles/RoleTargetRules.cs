using OktaEmulator.Http;

namespace OktaEmulator.Roles;

/// <summary>
/// Which role types take which targets (spec RoleBTargetClient), and what the org answers otherwise. Each answer lives here only.
/// </summary>
internal static class RoleTargetRules
{
    /// <summary>"Assigns a group target to a USER_ADMIN, HELP_DESK_ADMIN, or GROUP_MEMBERSHIP_ADMIN role assignment" (spec).</summary>
    public static readonly IReadOnlySet<string> GroupTargetRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        "USER_ADMIN", "HELP_DESK_ADMIN", "GROUP_MEMBERSHIP_ADMIN",
    };

    /// <summary>"Assigns an OIN app target for an APP_ADMIN role assignment" (spec).</summary>
    public static readonly IReadOnlySet<string> AppTargetRoles = new HashSet<string>(StringComparer.Ordinal) { "APP_ADMIN" };

    /// <summary>A target on a role type that takes none: E0000091, as a real org answered in a recorded session
    /// (mbegan/Okta-PSModule#12, "The provided role type was not the same as required role type."). Its status was not recorded;
    /// 400 is the emulator's choice.</summary>
    public static ApiResponse WrongRoleType(string roleType, string targetKind) =>
        ApiResponse.OktaError(StatusCodes.Status400BadRequest, "E0000091", "The provided role type was not the same as required role type.",
            $"A {roleType} role assignment does not take {targetKind} targets.");

    /// <summary>"You can't remove the last group target from a role assignment" (spec); the answer is not documented, so
    /// 400 E0000001 is the emulator's choice.</summary>
    public static ApiResponse LastTarget(string targetKind) =>
        ApiResponse.ValidationFailed("target",
            $"target: You can't remove the last {targetKind} target from a role assignment. Delete the role assignment and create another one.");

    /// <summary>"You can't assign permissions to manage all instances of an OIN app and then assign a subset of permissions to the
    /// same app" (spec); 400 E0000001 is the emulator's choice.</summary>
    public static ApiResponse InstanceUnderAppTarget(string appName) =>
        ApiResponse.ValidationFailed("target", $"target: The role already targets every instance of '{appName}'.");
}
