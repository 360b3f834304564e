using OktaServiceApp.Core.Reports;

namespace OktaServiceApp.PowerShell;

/// <summary>One service app in the posture report: flat properties, ready for Export-Csv.</summary>
public sealed class OktaServiceAppReportRow
{
    internal OktaServiceAppReportRow(ServiceAppPosture p)
    {
        ClientId = p.ClientId;
        Name = p.Name;
        Status = p.Status;
        Roles = string.Join(" ", p.Roles);
        SuperAdmin = p.SuperAdmin;
        ScopeCount = p.ScopeCount;
        RequireDpop = p.RequireDpop;
        ActiveKeys = p.ActiveKeyCount;
        KeysWithoutKid = p.KeysWithoutKid;
        OldestKeyAgeDays = p.OldestKeyAgeDays;
        RateLimitPercent = p.RateLimitPercent;
    }

    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>The app's name.</summary>
    public string Name { get; }
    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; }
    /// <summary>The role types, space separated (one CSV cell).</summary>
    public string Roles { get; }
    /// <summary>True when the app holds SUPER_ADMIN.</summary>
    public bool SuperAdmin { get; }
    /// <summary>How many scopes are granted.</summary>
    public int ScopeCount { get; }
    /// <summary>Whether the app requires DPoP-bound tokens.</summary>
    public bool? RequireDpop { get; }
    /// <summary>How many ACTIVE keys the app has.</summary>
    public int ActiveKeys { get; }
    /// <summary>ACTIVE keys without a kid.</summary>
    public int KeysWithoutKid { get; }
    /// <summary>Days since the oldest ACTIVE key was made.</summary>
    public int? OldestKeyAgeDays { get; }
    /// <summary>The app's share of the org rate limits; empty when it has none of its own.</summary>
    public int? RateLimitPercent { get; }
}
