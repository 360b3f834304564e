using OktaServiceApp.Core.Doctor;

namespace OktaServiceApp.PowerShell;

/// <summary>One check of Test-OktaServiceApp: Pass, Warn or Fail, what was found, and the command that fixes it.</summary>
public sealed class OktaDoctorCheck
{
    internal OktaDoctorCheck(string clientId, DoctorCheck check)
    {
        ClientId = clientId;
        Check = check.Check;
        Status = check.Status;
        Found = check.Found;
        Fix = check.Fix;
    }

    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>App, Key, Scopes, Role, LeastPrivilege, DPoP or Token.</summary>
    public string Check { get; }
    /// <summary>Pass, Warn or Fail.</summary>
    public string Status { get; }
    /// <summary>What the check found.</summary>
    public string Found { get; }
    /// <summary>A command that fixes it, to run as printed; null when there is nothing to fix.</summary>
    public string? Fix { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Status} {Check}: {Found}";
}
