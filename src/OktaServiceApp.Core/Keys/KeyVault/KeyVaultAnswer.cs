namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>What Key Vault or an identity endpoint answered, read in full so the connection goes back to the pool.</summary>
internal sealed class KeyVaultAnswer
{
    public KeyVaultAnswer(int status, string body, TimeSpan? retryAfter, bool hasBearerChallenge)
    {
        Status = status;
        Body = body;
        RetryAfter = retryAfter;
        HasBearerChallenge = hasBearerChallenge;
    }

    public int Status { get; }
    public string Body { get; }
    public TimeSpan? RetryAfter { get; }
    public bool HasBearerChallenge { get; }
    public bool IsSuccess => Status is >= 200 and <= 299;
    public bool IsTransient => Status is 429 or 500 or 502 or 503 or 504;
}
