using System.Security.Cryptography;
using System.Text;

namespace OktaServiceApp.Core.Keys;

// Keys read from PEM or JWK text: size and algorithm checks, and a sign-and-verify self-test before the key is trusted.
public sealed partial class SigningKey
{
    private const int MaxImportedRsaKeySize = 16384;
    private static readonly byte[] s_selfTestMessage = Encoding.ASCII.GetBytes("OktaServiceApp key self-test");

    /// <summary>Reads PKCS#8, PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) PEM, or a private JWK JSON.
    /// Encrypted PKCS#8 PEM and legacy OpenSSL encrypted PEM (Proc-Type: 4,ENCRYPTED) are read when <paramref name="password"/> is given.</summary>
    public static SigningKey Import(string text, string? password = null, string? keyId = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        ValidateKeyId(keyId);
        var material = KeyReader.Read(text, password);
        try
        {
            return FromMaterial(material, keyId);
        }
        finally
        {
            material.Clear();
        }
    }

    /// <summary>A key that can only name and verify, never sign: for thumbprints of registered public keys and tests.</summary>
    internal static SigningKey ImportPublicJwk(PublicJwk jwk, string? keyId = null)
    {
        switch (jwk.Kty)
        {
            case "RSA":
            {
                var parameters = RsaShape.Normalize(Base64Url.Decode(jwk.N ?? ""), Base64Url.Decode(jwk.E ?? "")) ??
                    throw new KeyException(KeyProblem.UnknownFormat, "The RSA JWK has no usable 'n' and 'e'.");
                var rsa = RSA.Create();
                rsa.ImportParameters(parameters);
                return new SigningKey(rsa, null, null, NormalizeAlgorithm(jwk.Alg ?? "RS256"), keyId ?? jwk.Kid,
                    hasPrivateKey: false);
            }

            case "EC":
            {
                var curve = EcCurve.FromJwkName(jwk.Crv) ??
                    throw new KeyException(KeyProblem.UnsupportedCurve, "The JWK curve is not supported.");
                var q = new ECPoint { X = Base64Url.Decode(jwk.X ?? ""), Y = Base64Url.Decode(jwk.Y ?? "") };
                var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.ToECCurve(), Q = q });
                return new SigningKey(null, ecdsa, curve, curve.Algorithm, keyId ?? jwk.Kid, hasPrivateKey: false);
            }

            default:
                throw new KeyException(KeyProblem.UnsupportedKeyType, "Only RSA and EC JWKs are supported.");
        }
    }

    private static SigningKey FromMaterial(KeyMaterial material, string? keyId)
    {
        if (!material.HasPrivateKey)
        {
            throw new KeyException(KeyProblem.PublicKeyOnly, "The key holds no private part; the private key is needed to sign.");
        }

        // An explicit key id beats the JWK's own, and an empty JWK kid counts as none.
        var kid = keyId ?? (string.IsNullOrEmpty(material.KeyId) ? null : material.KeyId);
        ValidateKeyId(kid);
        SigningKey key;
        if (material.Rsa is { } rsaParameters)
        {
            var bits = RsaShape.ModulusBits(rsaParameters.Modulus!);
            if (bits < MinRsaKeySize)
            {
                throw new KeyException(KeyProblem.KeySizeTooSmall,
                    $"The RSA key has {bits} bits; Okta needs at least {MinRsaKeySize}.");
            }

            if (bits > MaxImportedRsaKeySize)
            {
                throw new KeyException(KeyProblem.KeySizeNotAllowed, $"The RSA key has {bits} bits, more than {MaxImportedRsaKeySize}.");
            }

            var alg = material.Algorithm is null ? "RS256" : NormalizeAlgorithm(material.Algorithm);
            if (!alg.StartsWith("RS", StringComparison.Ordinal))
            {
                throw new KeyException(KeyProblem.UnsupportedAlgorithm, $"The JWK's alg {alg} does not fit an RSA key.");
            }

            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(rsaParameters);
            }
            catch (CryptographicException e)
            {
                rsa.Dispose();
                throw new KeyException(KeyProblem.UnknownFormat, "The RSA key parameters are not a valid key.", e);
            }

            key = new SigningKey(rsa, null, null, alg, kid, hasPrivateKey: true);
        }
        else
        {
            var curve = material.Curve!;
            var alg = material.Algorithm is null ? curve.Algorithm : NormalizeAlgorithm(material.Algorithm);
            if (alg != curve.Algorithm)
            {
                throw new KeyException(KeyProblem.UnsupportedAlgorithm,
                    $"The JWK's alg {alg} does not fit a {curve.JwkName} key, which signs with {curve.Algorithm}.");
            }

            ECDsa ecdsa;
            try
            {
                ecdsa = ECDsa.Create(material.Ec!.Value);
            }
            catch (CryptographicException e)
            {
                throw new KeyException(KeyProblem.UnknownFormat, "The EC key parameters are not a valid key on its curve.", e);
            }

            key = new SigningKey(null, ecdsa, curve, alg, kid, hasPrivateKey: true);
        }

        // A file whose public half belongs to another key would sign tokens that Okta can never verify.
        bool consistent;
        try
        {
            consistent = key.Verify(s_selfTestMessage, key.Sign(s_selfTestMessage));
        }
        catch (CryptographicException)
        {
            consistent = false;
        }

        if (!consistent)
        {
            key.Dispose();
            throw new KeyException(KeyProblem.UnknownFormat, "The key's private and public parts do not match.");
        }

        return key;
    }
}
