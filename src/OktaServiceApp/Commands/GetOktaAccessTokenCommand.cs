using System.Management.Automation;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets an access token for a service app from the org authorization server.</para>
/// <para type="description">Get-OktaAccessToken signs a new client assertion with the app's private key and posts it to
/// {orgUrl}/oauth2/v1/token with grant_type client_credentials and the scopes asked for. A new assertion is signed for every post,
/// retries included, because Okta accepts each jti once. When the app requires DPoP, the cmdlet makes a DPoP key for the token,
/// sends a proof and answers the server's nonce challenge; the token keeps its key for later calls. Tokens are cached in memory,
/// never on disk, per org, client, scope set and key, and reused until 5 minutes before they expire (-Force skips the cache).
/// The output holds the token as a SecureString. -AsPlainText outputs the raw token string instead: it is a secret, so hand it
/// straight to the tool that needs it and never log it.</para>
/// </summary>
/// <example>
/// <code>$app = New-OktaServiceApp -Name svc | Grant-OktaScope okta.users.read -PassThru
/// $app | Get-OktaAccessToken okta.users.read</code>
/// <para>Gets a token for an app made in this session.</para>
/// </example>
/// <example>
/// <code>$env:OKTA_CLIENT_ORGURL = 'https://dev-123.okta.com'; $env:OKTA_CLIENT_CLIENTID = '0oa...'; $env:OKTA_CLIENT_PRIVATEKEY = './svc.pem'
/// $token = Get-OktaAccessToken -Scope okta.users.read -AsPlainText</code>
/// <para>In a CI job: everything comes from environment variables, and the raw token is handed to another tool.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaAccessToken", DefaultParameterSetName = JwksSet)]
[OutputType(typeof(OktaAccessToken), typeof(string))]
public sealed class GetOktaAccessTokenCommand : AppCredentialCmdlet
{
    /// <summary>
    /// <para type="description">The Okta scopes to ask for. They must be granted to the app (Grant-OktaScope).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [AllowEmptyCollection]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[] Scope { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Outputs the raw token string instead of an OktaAccessToken. The token is a secret.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    /// <summary>
    /// <para type="description">Gets a new token even when a cached one is still good.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ValidValues.CheckScopes(Scope, ClientId) is { } scopeError)
        {
            WriteError(scopeError);
            return;
        }

        if (ResolveAppCredentials(Connection) is not { } app)
        {
            return;
        }

        var tokens = app.Tokens();
        var scopes = Scope.Distinct(StringComparer.Ordinal).ToArray();
        try
        {
            WriteVerbose($"Getting an access token for {app.ClientId} ({string.Join(" ", scopes)}) with key {app.Signer.KeyId}.");
            var token = Run(ct => tokens.GetAsync(app.ClientId, app.Signer, scopes, Force, ct));
            WriteVerbose($"Got a {token.TokenType} token for {app.ClientId}, expiring {token.ExpiresOn:u}.");
            WriteObject(AsPlainText ? token.Value : new OktaAccessToken(token));
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, app.ClientId);
        }
    }
}
