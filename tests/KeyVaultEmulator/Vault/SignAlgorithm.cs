using System.Security.Cryptography;

namespace KeyVaultEmulator.Vault;

/// <summary>The JWS algorithms the vault signs with: the digest each expects and the key it needs.</summary>
internal sealed record SignAlgorithm(string Name, HashAlgorithmName Hash, int DigestLength, string? Curve)
{
    private static readonly SignAlgorithm[] s_all =
    [
        new("RS256", HashAlgorithmName.SHA256, 32, null),
        new("RS384", HashAlgorithmName.SHA384, 48, null),
        new("RS512", HashAlgorithmName.SHA512, 64, null),
        new("ES256", HashAlgorithmName.SHA256, 32, "P-256"),
        new("ES384", HashAlgorithmName.SHA384, 48, "P-384"),
        new("ES512", HashAlgorithmName.SHA512, 64, "P-521"),
    ];

    public bool IsRsa => Curve is null;

    /// <summary>Key Vault's algorithm names are case-sensitive ("RS256", not "rs256").</summary>
    public static SignAlgorithm? Find(string? name) => s_all.FirstOrDefault(a => a.Name == name);

    /// <summary>ES256 signs on P-256 only (and so on), RS* on any RSA key.</summary>
    public bool Fits(VaultKey key) => IsRsa ? key.IsRsa : !key.IsRsa && key.Curve == Curve;
}
