namespace OktaServiceApp.Core.Access;

/// <summary>Why a desired access cannot be applied; found before any write, so nothing is half done.</summary>
public enum AccessProblem
{
    /// <summary>A -Role that is not one of Okta's standard role types.</summary>
    RoleUnknown,
    /// <summary>A custom role id or label the org does not have.</summary>
    CustomRoleNotFound,
    /// <summary>A resource set id or label the org does not have (one of another org, say).</summary>
    ResourceSetNotFound,
    /// <summary>A custom role without a resource set, or the other way round.</summary>
    CustomRoleIncomplete,
    /// <summary>A group id the org does not have.</summary>
    GroupNotFound,
    /// <summary>Group targets without a role that takes them (USER_ADMIN, HELP_DESK_ADMIN, GROUP_MEMBERSHIP_ADMIN), or app targets
    /// without APP_ADMIN.</summary>
    RoleTargetNotSupported,
    /// <summary>An app target that is not "appName" or "appName/appId".</summary>
    AppTargetInvalid,
    /// <summary>A rate-limit share outside 0–100.</summary>
    RateLimitPercentInvalid,
}

/// <summary>A desired access that cannot be applied, with the reason as <see cref="Problem"/>.</summary>
public sealed class AccessException : Exception
{
    public AccessException(AccessProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public AccessProblem Problem { get; }
}
