using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

// New keys: RSA of an allowed size, or EC on the curve the algorithm names.
public sealed partial class SigningKey
{
    private const int DefaultRsaKeySize = 2048;
    private static readonly int[] s_allowedRsaKeySizes = { 2048, 3072, 4096 };

    /// <summary>Makes a new key. RSA defaults to 2048 bits; EC curves follow the algorithm (ES256 = P-256 ...).
    /// The default kid is the RFC 7638 thumbprint.</summary>
    public static SigningKey Generate(string algorithm = "RS256", int? keySize = null, string? keyId = null)
    {
        var alg = NormalizeAlgorithm(algorithm);
        ValidateKeyId(keyId);
        if (alg.StartsWith("RS", StringComparison.Ordinal))
        {
            var size = keySize ?? DefaultRsaKeySize;
            if (size < MinRsaKeySize)
            {
                throw new KeyException(KeyProblem.KeySizeTooSmall,
                    $"RSA keys must be at least {MinRsaKeySize} bits; {size} was asked for.");
            }

            if (!s_allowedRsaKeySizes.Contains(size))
            {
                throw new KeyException(KeyProblem.KeySizeNotAllowed,
                    $"RSA key size {size} is not allowed; use 2048, 3072 or 4096.");
            }

            return new SigningKey(CreateRsa(size), null, null, alg, keyId, hasPrivateKey: true);
        }

        if (keySize is not null)
        {
            throw new KeyException(KeyProblem.KeySizeWithEllipticCurve,
                $"A key size cannot be given for {alg}: the curve fixes it. Leave the key size out.");
        }

        var curve = EcCurve.FromAlgorithm(alg)!;
        return new SigningKey(null, ECDsa.Create(curve.ToECCurve()), curve, alg, keyId, hasPrivateKey: true);
    }

    private static RSA CreateRsa(int size)
    {
        var rsa = RSA.Create();
        rsa.KeySize = size;
        if (RsaShape.ModulusBits(rsa.ExportParameters(false).Modulus!) == size)
        {
            return rsa;
        }

        // .NET Framework's RSA.Create() is an RSACryptoServiceProvider that ignores a KeySize set after construction.
        rsa.Dispose();
        return new RSACryptoServiceProvider(size);
    }
}
