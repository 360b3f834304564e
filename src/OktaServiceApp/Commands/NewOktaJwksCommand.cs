using System.Management.Automation;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes a new signing key pair and its public JWKS, locally.</para>
/// <para type="description">New-OktaJwks generates an RSA or EC key pair on this machine; the private key never leaves it unless
/// Export-OktaPrivateKey writes it to a file. The output holds the public JWK (kty, kid, alg, use, and n/e or crv/x/y) to register
/// with New-OktaServiceApp. The default is RS256 with 2048 bits, and the default kid is the RFC 7638 thumbprint.</para>
/// </summary>
/// <example>
/// <code>New-OktaJwks | New-OktaServiceApp -Name reporting | Grant-OktaScope okta.users.read, okta.groups.read</code>
/// <para>Makes a key, registers a service app with its public half, and grants the app two scopes.</para>
/// </example>
/// <example>
/// <code>$jwks = New-OktaJwks -Algorithm ES256; $jwks.ToJson() | Set-Content "$env:BUILD_ARTIFACTSTAGINGDIRECTORY/jwks.json"</code>
/// <para>In a CI job: makes an EC key and publishes only its public JWKS.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "OktaJwks")]
[OutputType(typeof(OktaJwks))]
public sealed class NewOktaJwksCommand : OktaCmdlet
{
    /// <summary>
    /// <para type="description">RS256 (default), RS384, RS512, ES256, ES384 or ES512.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateSet("RS256", "RS384", "RS512", "ES256", "ES384", "ES512")]
    public string Algorithm { get; set; } = "RS256";

    /// <summary>
    /// <para type="description">RSA modulus size: 2048 (default), 3072 or 4096. Not allowed with ES algorithms.</para>
    /// </summary>
    [Parameter]
    public int? KeySize { get; set; }

    /// <summary>
    /// <para type="description">The key id (kid). Defaults to the key's RFC 7638 thumbprint.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyId { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            WriteVerbose(KeySize is int size
                ? $"Generating a {Algorithm} key pair with {size} bits."
                : $"Generating a {Algorithm} key pair.");
            var key = SigningKey.Generate(Algorithm, KeySize, KeyId);
            WriteVerbose($"Generated key {key.KeyId} ({key.KeyType}, thumbprint {key.Thumbprint}).");
            WriteObject(new OktaJwks(key));
        }
        catch (KeyException e)
        {
            ThrowTerminatingError(OktaErrors.FromKey(e, KeySize is null ? Algorithm : $"{Algorithm}/{KeySize}"));
        }
    }
}
