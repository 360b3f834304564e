using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Jwt;

/// <summary>private_key_jwt client assertions for Okta's token endpoint.</summary>
public static class ClientAssertion
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    /// <summary>Header alg (from the key), kid, typ=JWT; claims iss=sub=clientId, aud, iat, exp, and a fresh random jti.
    /// Throws ArgumentOutOfRangeException for a lifetime over one hour or not positive.</summary>
    public static string Create(SigningKey key, string clientId, string audience, TimeSpan? lifetime = null,
        DateTimeOffset? now = null) => throw new NotImplementedException();
}
