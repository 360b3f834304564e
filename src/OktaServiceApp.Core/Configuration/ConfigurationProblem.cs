namespace OktaServiceApp.Core.Configuration;

/// <summary>Why a connection could not be configured. Cmdlets map each value to a stable ErrorId.</summary>
public enum ConfigurationProblem
{
    OrgUrlMissing,
    OrgUrlInvalid,
    OrgUrlInsecure,
    OrgUrlAdminHost,
    OrgUrlHasPath,
    NotConnected,
    ApiTokenMissing,
    ClientIdMissing,
    PrivateKeyMissing,
    ScopesMissing,
    AuthorizationModeInvalid,
    SettingInvalid,
    ConfigFileInvalid,
}

/// <summary>A configuration problem; the message says what to do and never holds a secret.</summary>
public sealed class OktaConfigurationException : Exception
{
    public OktaConfigurationException(ConfigurationProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
    }

    public ConfigurationProblem Problem { get; }
}
