using OktaServiceApp.Core.Roles;

namespace OktaServiceApp.PowerShell;

/// <summary>One target of a service app's standard role: a group, an OIN app or an app instance.</summary>
public sealed class OktaServiceAppRoleTarget
{
    internal OktaServiceAppRoleTarget(string clientId, string roleId, RoleTarget target)
    {
        ClientId = clientId;
        RoleId = roleId;
        Kind = target.Kind;
        Target = target.Target;
        Name = target.Name;
    }

    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>The role assignment id.</summary>
    public string RoleId { get; }
    /// <summary>Group or App.</summary>
    public string Kind { get; }
    /// <summary>The group id, or the app as name or name/appId.</summary>
    public string Target { get; }
    /// <summary>The group's name or the app's display name.</summary>
    public string? Name { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Target}";
}
