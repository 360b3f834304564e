using OktaServiceApp.Core.Jwt;

namespace OktaServiceApp.Core.Tokens;

/// <summary>An access token from the org authorization server. <see cref="Value"/> is a secret: never print it.</summary>
public sealed class AccessToken
{
    public string Value { get; init; } = "";
    /// <summary>"Bearer" or "DPoP".</summary>
    public string TokenType { get; init; } = "Bearer";
    public IReadOnlyList<string> Scopes { get; init; } = Array.Empty<string>();
    public DateTimeOffset ExpiresOn { get; init; }
    public string ClientId { get; init; } = "";
    public Uri OrgUrl { get; init; } = null!;
    /// <summary>The key the token is bound to, when TokenType is DPoP.</summary>
    public DpopKey? DpopKey { get; init; }

    /// <summary>Describes the token without its value.</summary>
    public override string ToString() =>
        $"{TokenType} access token for {ClientId}, expires {ExpiresOn.ToUniversalTime():u}, scopes: {string.Join(" ", Scopes)}";
}
