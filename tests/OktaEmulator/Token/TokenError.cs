namespace OktaEmulator.Token;

/// <summary>An OAuth error from the token endpoint: status, error code and Okta's description.</summary>
internal sealed record TokenError(int Status, string Error, string Description)
{
    public static TokenError InvalidClient(string description) => new(StatusCodes.Status401Unauthorized, "invalid_client", description);
}
