namespace OktaEmulator.RateLimiting;

/// <summary>Which rate-limit bucket a path counts against; Okta limits per endpoint family, these are the ones the module hits.</summary>
internal static class RateLimitBuckets
{
    public const string Apps = "apps";
    public const string Clients = "clients";
    public const string Token = "token";
    public const string Default = "default";

    public static string For(PathString path)
    {
        if (path.StartsWithSegments("/api/v1/apps", StringComparison.OrdinalIgnoreCase))
        {
            return Apps;
        }

        if (path.StartsWithSegments("/oauth2/v1/clients", StringComparison.OrdinalIgnoreCase))
        {
            return Clients;
        }

        if (path.StartsWithSegments("/oauth2/v1/token", StringComparison.OrdinalIgnoreCase))
        {
            return Token;
        }

        return Default;
    }
}
