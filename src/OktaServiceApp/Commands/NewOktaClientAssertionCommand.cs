using System.Management.Automation;
using OktaServiceApp.Core.Jwt;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Signs a client-assertion JWT (private_key_jwt) for a service app.</para>
/// <para type="description">New-OktaClientAssertion outputs a compact JWT signed with the app's private key: header alg (from the key),
/// kid and typ JWT; claims iss and sub set to the client id, aud (by default {orgUrl}/oauth2/v1/token), iat, exp (5 minutes by default,
/// at most 1 hour) and a fresh random jti. Okta accepts each jti once. The output is a credential: treat it as a secret.
/// Get-OktaAccessToken makes its own assertions, so this cmdlet is for handing one to another tool.</para>
/// </summary>
/// <example>
/// <code>$app | New-OktaClientAssertion</code>
/// <para>Signs an assertion for an app made in this session.</para>
/// </example>
/// <example>
/// <code>$jwt = New-OktaClientAssertion -ClientId $env:OKTA_CLIENT_CLIENTID -PrivateKeyPath $env:OKTA_KEY_FILE -Lifetime (New-TimeSpan -Minutes 2)</code>
/// <para>In a CI job: signs a short-lived assertion from a key file.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "OktaClientAssertion", DefaultParameterSetName = JwksSet)]
[OutputType(typeof(string))]
public sealed class NewOktaClientAssertionCommand : AppCredentialCmdlet
{
    /// <summary>
    /// <para type="description">The aud claim. Defaults to {orgUrl}/oauth2/v1/token, the only audience the org authorization server accepts.</para>
    /// </summary>
    [Parameter]
    public string? Audience { get; set; }

    /// <summary>
    /// <para type="description">How long the assertion is valid: 5 minutes by default, 1 hour at most.</para>
    /// </summary>
    [Parameter]
    public TimeSpan? Lifetime { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Lifetime is TimeSpan lifetime && (lifetime <= TimeSpan.Zero || lifetime > ClientAssertion.MaxLifetime))
        {
            WriteError(OktaErrors.Invalid(ErrorIds.LifetimeInvalid,
                $"-Lifetime {lifetime} is not allowed: Okta accepts client assertions that expire within 1 hour. Give a lifetime up to 01:00:00.",
                lifetime, ErrorCategory.InvalidArgument));
            return;
        }

        if (ResolveAppCredentials(Connection, orgRequired: Audience is null) is not { } app)
        {
            return;
        }

        var audience = Audience ?? Core.Configuration.OrgUrl.ToIssuer(app.OrgUrl!) + "/oauth2/v1/token";
        WriteVerbose($"Signing a client assertion for {app.ClientId} with key {app.Signer.KeyId} ({app.Signer.Algorithm}), audience {audience}.");
        try
        {
            WriteObject(Run(ct => ClientAssertion.CreateAsync(app.Signer, app.ClientId, audience, Lifetime, null, ct)));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, app.ClientId);
        }
    }
}
