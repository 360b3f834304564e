using System.Management.Automation;
using System.Security;
using OktaServiceApp.Core.Secrets;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reads a private key file into an OktaJwks.</para>
/// <para type="description">Import-OktaPrivateKey reads PKCS#8 PEM, PKCS#1 "RSA PRIVATE KEY" PEM, SEC1 "EC PRIVATE KEY" PEM, and
/// private JWK JSON, and encrypted PEM with -Password. A public key, an unknown format and a wrong password each get their own
/// error. Use the result with New-OktaServiceApp, Get-OktaAccessToken or Connect-Okta -Jwks.</para>
/// </summary>
/// <example>
/// <code>Import-OktaPrivateKey ./svc.pem | Select-Object KeyId, Algorithm, Thumbprint</code>
/// <para>Shows which key a file holds.</para>
/// </example>
/// <example>
/// <code>$jwks = Import-OktaPrivateKey -Path $env:OKTA_KEY_FILE; Get-OktaAccessToken -ClientId $env:OKTA_CLIENT_CLIENTID -Jwks $jwks -Scope okta.users.read</code>
/// <para>In a runbook: reads the key named by an environment variable and gets a token with it.</para>
/// </example>
[Cmdlet(VerbsData.Import, "OktaPrivateKey")]
[OutputType(typeof(OktaJwks))]
public sealed class ImportOktaPrivateKeyCommand : OktaCmdlet
{
    /// <summary>
    /// <para type="description">The key file.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// <para type="description">The key id (kid) to use, when the file has none (PEM) or it must be overridden.</para>
    /// </summary>
    [Parameter]
    public string? KeyId { get; set; }

    /// <summary>
    /// <para type="description">The password of an encrypted PEM: PKCS#8 ("ENCRYPTED PRIVATE KEY", PBES2 with AES-CBC or
    /// 3DES) or OpenSSL's legacy "Proc-Type: 4,ENCRYPTED" (AES-128/192/256-CBC, DES-EDE3-CBC), which openssl genrsa -aes256
    /// wrote before OpenSSL 3.</para>
    /// </summary>
    [Parameter]
    [SecureStringTransformation]
    public SecureString? Password { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            var key = KeyFile.Read(path, Password is null ? null : SecureText.ToPlain(Password), KeyId);
            WriteVerbose($"Read {key.Algorithm} key {key.KeyId} from {path}.");
            WriteObject(new OktaJwks(key));
        }
        catch (KeyException e)
        {
            WriteError(OktaErrors.FromKey(e, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(OktaErrors.KeyFile(e, path, writing: false));
        }
    }
}
