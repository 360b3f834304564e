using System.Security;
using OktaServiceApp.Core.Secrets;
using OktaServiceApp.Core.Tokens;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell;

/// <summary>An access token from the org authorization server. The token itself is a SecureString.</summary>
public sealed class OktaAccessToken
{
    internal OktaAccessToken(AccessToken token)
    {
        Source = token;
        TokenType = token.TokenType;
        Scope = string.Join(" ", token.Scopes);
        ExpiresOn = token.ExpiresOn;
        ClientId = token.ClientId;
        OrgUrl = Core.Configuration.OrgUrl.ToIssuer(token.OrgUrl);
        Token = SecureText.From(token.Value);
    }

    /// <summary>Bearer or DPoP. A DPoP token must be sent with a proof made by the key it is bound to.</summary>
    public string TokenType { get; }
    /// <summary>The granted scopes, space separated.</summary>
    public string Scope { get; }
    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresOn { get; }
    /// <summary>The app the token was issued to.</summary>
    public string ClientId { get; }
    /// <summary>The org that issued it.</summary>
    public string OrgUrl { get; }
    /// <summary>The access token. Read it only to hand it to another tool.</summary>
    public SecureString Token { get; }

    internal AccessToken Source { get; }

    /// <inheritdoc />
    public override string ToString() => $"{TokenType} token for {ClientId} ({Scope}), expires {ExpiresOn:u}";
}
