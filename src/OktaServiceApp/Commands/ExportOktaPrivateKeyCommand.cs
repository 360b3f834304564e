using System.Management.Automation;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes a private key to a file that only its owner can read.</para>
/// <para type="description">Export-OktaPrivateKey takes an OktaJwks or an OktaServiceApp from the pipeline and writes its private
/// key as PKCS#8 PEM (the default, "-----BEGIN PRIVATE KEY-----", which openssl and Okta's SDKs read as OKTA_CLIENT_PRIVATEKEY) or as
/// a private JWK. The file is created readable by its owner only: mode 0600 on Unix, an ACL for the current user alone on Windows.
/// An existing file is refused unless -Force is given. A certificate's key (New-OktaJwks -Certificate) or an Azure Key Vault key
/// (New-OktaJwks -KeyVaultKeyId) is never written out: it is refused with OktaKeyNotExportable.</para>
/// </summary>
/// <example>
/// <code>New-OktaJwks | Export-OktaPrivateKey -Path ./svc.pem -PassThru | New-OktaServiceApp -Name svc</code>
/// <para>Saves the key before registering the app with it.</para>
/// </example>
/// <example>
/// <code>$app | Export-OktaPrivateKey -Path "$env:AGENT_TEMPDIRECTORY/okta.jwk" -Format Jwk -Force</code>
/// <para>In a CI job: writes the key as a private JWK for a later step, replacing the file from an earlier run.</para>
/// </example>
[Cmdlet(VerbsData.Export, "OktaPrivateKey", SupportsShouldProcess = true, DefaultParameterSetName = JwksSet)]
[OutputType(typeof(OktaJwks), typeof(OktaServiceApp))]
public sealed class ExportOktaPrivateKeyCommand : OktaCmdlet
{
    private const string JwksSet = "Jwks";
    private const string AppSet = "App";

    /// <summary>
    /// <para type="description">The key pair to export, from New-OktaJwks or Import-OktaPrivateKey.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = JwksSet)]
    public OktaJwks? Jwks { get; set; }

    /// <summary>
    /// <para type="description">A service app made in this session, whose key pair to export.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = AppSet)]
    public OktaServiceApp? App { get; set; }

    /// <summary>
    /// <para type="description">The file to write.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// <para type="description">Pem (PKCS#8, the default) or Jwk (private JWK JSON with its kid).</para>
    /// </summary>
    [Parameter]
    public KeyFileFormat Format { get; set; } = KeyFileFormat.Pem;

    /// <summary>
    /// <para type="description">Replaces an existing file.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// <para type="description">Passes the input object on down the pipeline.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        object input = (object?)App ?? Jwks!;
        var jwks = App is not null ? App.Jwks : Jwks;
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        SigningKey? key = null;
        if (jwks is not null)
        {
            try
            {
                // A certificate's or a Key Vault key signs in its store and is never read out: refusing here is the guarantee, not a gap.
                key = KeyExport.Exportable(jwks.Signer);
            }
            catch (KeyException e)
            {
                WriteError(OktaErrors.FromKey(e, input));
                return;
            }
        }

        if (jwks is null || key is null || !jwks.HasPrivateKey)
        {
            WriteError(OktaErrors.Invalid(ErrorIds.NoPrivateKey,
                "This object holds no private key: only keys made by New-OktaJwks or read by Import-OktaPrivateKey in this session can be exported.",
                input, ErrorCategory.InvalidData));
            return;
        }

        if (!ShouldProcess(path, $"Write the private key {jwks.KeyId} as {Format}"))
        {
            return;
        }

        try
        {
            KeyFile.Write(key, path, Format, Force);
            WriteVerbose($"Wrote private key {jwks.KeyId} to {path}, readable by its owner only.");
            if (PassThru)
            {
                WriteObject(input);
            }
        }
        catch (KeyException e)
        {
            WriteError(OktaErrors.FromKey(e, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(OktaErrors.KeyFile(e, path, writing: true));
        }
    }
}
