namespace OktaEmulator.State;

/// <summary>An access token minted by /oauth2/v1/token. <see cref="Jkt"/> is the DPoP key thumbprint (cnf.jkt) when bound.</summary>
internal sealed record IssuedToken(string ClientId, IReadOnlyList<string> Scopes, string? Jkt, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public bool IsDpopBound => Jkt is not null;
}
