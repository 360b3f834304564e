namespace OktaServiceApp.Core.Keys;

/// <summary>What every signer's public key gives, whatever holds its private part (memory, a certificate store, Key Vault).</summary>
public static class JwsSigners
{
    /// <summary>The RSA modulus size in bits, or the EC field size (256, 384, 521).</summary>
    public static int KeySizeOf(PublicJwk jwk)
    {
        if (jwk is null)
        {
            throw new ArgumentNullException(nameof(jwk));
        }

        return jwk.Kty == "RSA"
            ? RsaShape.ModulusBits(BigEndian.StripLeadingZeros(Base64Url.Decode(jwk.N ?? "")))
            : EcCurve.FromJwkName(jwk.Crv)?.KeySize ?? 0;
    }
}
