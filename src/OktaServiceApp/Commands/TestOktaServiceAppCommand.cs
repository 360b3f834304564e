using System.Management.Automation;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Doctor;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Says why a service app cannot do its job, and how to fix it.</para>
/// <para type="description">Test-OktaServiceApp is the doctor. It outputs one result per check, each with Status (Pass, Warn or
/// Fail), what it found, and Fix, a command that turns it to Pass when run as printed: the app exists and is ACTIVE; the key's kid
/// is an ACTIVE key of the app (or, without a key, whether several keys lack a kid); the scopes the calls in -Path need, from Okta's
/// own spec, are granted; a role is assigned and plausibly covers those calls; SUPER_ADMIN is held (Warn: least privilege); DPoP is
/// required and whether this session knows it; a token can be obtained (not with -NoToken, nor while another check fails). It never
/// changes anything: it reads the app's setup through the connection, and its only write-like request is the token request.</para>
/// </summary>
/// <example>
/// <code>Test-OktaServiceApp -ClientId 0oa1b2c3d4 -PrivateKeyPath ./svc.pem -Path '/api/v1/users', 'POST /api/v1/groups' | Format-Table</code>
/// <para>Checks the app, its key and what the two calls need.</para>
/// </example>
/// <example>
/// <code>Test-OktaServiceApp -ClientId $env:OKTA_APP_ID -PrivateKeyPath $env:OKTA_KEY_PATH -Path /api/v1/logs |
///     Where-Object Status -eq Fail | ForEach-Object { Write-Error "$($_.Check): $($_.Found) Fix: $($_.Fix)" }</code>
/// <para>In a CI job before a deployment: fails with the fix for each problem.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "OktaServiceApp", DefaultParameterSetName = JwksSet)]
[OutputType(typeof(OktaDoctorCheck))]
public sealed class TestOktaServiceAppCommand : AppCredentialCmdlet
{
    /// <summary>
    /// <para type="description">The calls the app will make, as "/api/v1/users" (GET) or "POST /api/v1/groups".</para>
    /// </summary>
    [Parameter(Position = 0)]
    [Alias("Call")]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Skips the token check, so the doctor sends no token request.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter NoToken { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        var hasKey = Jwks is not null || PrivateKeyPath is not null || Certificate is not null || CertificateThumbprint is not null ||
            PrivateKey is not null || KeyVaultKeyId is not null;
        var clientId = ClientId;
        Core.Keys.IJwsSigner? key = null;
        if (hasKey)
        {
            // The doctor checks registration itself; a piped app's key ids must not turn a finding into an error.
            KeyIds = null;
            if (ResolveAppCredentials(connection) is not { } app)
            {
                return;
            }

            (clientId, key) = (app.ClientId, app.Signer);
        }

        if (string.IsNullOrWhiteSpace(clientId))
        {
            WriteError(OktaErrors.FromConfiguration(new OktaConfigurationException(ConfigurationProblem.ClientIdMissing,
                "No client id: pass -ClientId or pipe in an app."), null));
            return;
        }

        var keyPath = PrivateKeyPath is null ? null : "'" + PrivateKeyPath.Replace("'", "''") + "'";
        var thumbprint = CertificateThumbprint is null ? null : "'" + CertificateThumbprint.Replace("'", "''") + "'";
        var vaultKey = KeyVaultKeyId is null ? null : "'" + KeyVaultKeyId.Replace("'", "''") + "'";
        var request = new DoctorRequest
        {
            ClientId = clientId!,
            Key = key,
            KeyArgument = keyPath is not null ? $"-PrivateKeyPath {keyPath}"
                : thumbprint is not null ? $"-CertificateThumbprint {thumbprint}"
                : Certificate is not null ? "-Certificate $certificate"
                : PrivateKey is not null ? "-PrivateKey $privateKey"
                : vaultKey is not null ? $"-KeyVaultKeyId {vaultKey}"
                : "-Jwks $jwks",
            KeyObject = keyPath is not null ? $"Import-OktaPrivateKey -Path {keyPath}"
                : thumbprint is not null ? $"New-OktaJwks -CertificateThumbprint {thumbprint}"
                : Certificate is not null ? "New-OktaJwks -Certificate $certificate"
                : vaultKey is not null ? $"New-OktaJwks -KeyVaultKeyId {vaultKey}"
                : "$jwks",
            Calls = Path,
            NoToken = NoToken,
            ConnectionArgument = Connection is null ? "" : "-Connection $connection",
        };
        try
        {
            var doctor = new ServiceAppDoctor(connection.Client, () => Core.Tokens.TokenClient.SharingWith(connection.Client));
            foreach (var check in Run(ct => doctor.ExamineAsync(request, ct)))
            {
                WriteObject(new OktaDoctorCheck(clientId!, check));
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, clientId);
        }
    }
}
