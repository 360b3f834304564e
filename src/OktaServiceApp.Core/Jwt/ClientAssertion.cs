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
        DateTimeOffset? now = null)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var (header, payload) = Build(key, clientId, audience, lifetime, now);
        return key.SignCompact(header, payload);
    }

    /// <summary>The same assertion signed by any key source: one signature, so one round trip for a remote key.</summary>
    public static Task<string> CreateAsync(IJwsSigner signer, string clientId, string audience, TimeSpan? lifetime,
        DateTimeOffset? now, CancellationToken cancellationToken)
    {
        if (signer is null)
        {
            throw new ArgumentNullException(nameof(signer));
        }

        var (header, payload) = Build(signer, clientId, audience, lifetime, now);
        return CompactJws.SignAsync(signer, header, payload, cancellationToken);
    }

    private static (string Header, string Payload) Build(IJwsSigner signer, string clientId, string audience,
        TimeSpan? lifetime, DateTimeOffset? now)
    {
        RequireText(clientId, nameof(clientId));
        RequireText(audience, nameof(audience));
        var life = lifetime ?? DefaultLifetime;
        if (life <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), life, "The client assertion lifetime must be positive.");
        }

        if (life > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), life,
                "The client assertion lifetime must be at most one hour: Okta rejects an 'exp' further in the future.");
        }

        var issuedAt = JwtJson.ToUnixSeconds(now);
        // Rounded up so a sub-second lifetime still yields exp > iat; it cannot pass one hour because life <= 1 h.
        var expires = issuedAt + (long)Math.Ceiling(life.TotalSeconds);
        var header = JwtJson.Write(w =>
        {
            w.WriteString("alg", signer.Algorithm);
            w.WriteString("kid", signer.KeyId);
            w.WriteString("typ", "JWT");
        });
        var payload = JwtJson.Write(w =>
        {
            w.WriteString("iss", clientId);
            w.WriteString("sub", clientId);
            w.WriteString("aud", audience);
            w.WriteNumber("iat", issuedAt);
            w.WriteNumber("exp", expires);
            w.WriteString("jti", JwtJson.NewJti());
        });
        return (header, payload);
    }

    private static void RequireText(string value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        if (value.Trim().Length == 0)
        {
            throw new ArgumentException($"The {name} must not be empty.", name);
        }
    }
}
