namespace KeyVaultEmulator.Vault;

/// <summary>The next <see cref="Remaining"/> vault calls are refused with <see cref="Status"/> (429 or 503) and Retry-After.</summary>
internal sealed class Throttle
{
    public int Remaining;
    public int Status = StatusCodes.Status429TooManyRequests;
    public int RetryAfterSeconds;
}
