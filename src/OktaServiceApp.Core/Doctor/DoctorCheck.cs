namespace OktaServiceApp.Core.Doctor;

/// <summary>One finding of the doctor: what was checked, how it went, what was found, and a command that fixes it.</summary>
public sealed class DoctorCheck
{
    public const string Pass = "Pass";
    public const string Warn = "Warn";
    public const string Fail = "Fail";

    public string Check { get; init; } = "";
    /// <summary>Pass, Warn or Fail.</summary>
    public string Status { get; init; } = Pass;
    public string Found { get; init; } = "";
    /// <summary>A PowerShell command that turns the check to Pass, run as printed; null when there is nothing to fix.</summary>
    public string? Fix { get; init; }
}

/// <summary>What the doctor is asked about: the app, optionally the key the caller signs with and the calls it will make.</summary>
public sealed class DoctorRequest
{
    public string ClientId { get; init; } = "";
    /// <summary>The caller's key; null to skip the key and token checks.</summary>
    public Keys.IJwsSigner? Key { get; init; }
    /// <summary>How the caller names its key in a command, such as "-PrivateKeyPath './svc.pem'"; used in printed fixes.</summary>
    public string KeyArgument { get; init; } = "-PrivateKeyPath <key file>";
    /// <summary>How a fix reads the key back as an OktaJwks, such as "Import-OktaPrivateKey -Path './svc.pem'".</summary>
    public string KeyObject { get; init; } = "Import-OktaPrivateKey -Path <key file>";
    /// <summary>Calls as "METHOD /path" or "/path" (GET).</summary>
    public IReadOnlyList<string> Calls { get; init; } = Array.Empty<string>();
    public bool NoToken { get; init; }
    /// <summary>Extra arguments every printed fix carries, such as "-Connection $admin"; empty for the session's connection.</summary>
    public string ConnectionArgument { get; init; } = "";
}
