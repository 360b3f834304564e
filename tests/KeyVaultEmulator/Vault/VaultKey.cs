using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace KeyVaultEmulator.Vault;

/// <summary>One version of a vault key. The private part never leaves this object: the vault only answers with public members
/// and signatures, as Key Vault does for a non-exportable key.</summary>
internal sealed class VaultKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    public VaultKey(string name, KeySpec spec, DateTimeOffset created)
    {
        Name = name;
        Version = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Hsm = spec.Hsm;
        Enabled = spec.Enabled;
        Created = created;
        switch (spec.Kty.ToUpperInvariant().Replace("-HSM", "", StringComparison.Ordinal))
        {
            case "RSA":
                if (spec.Size is not (2048 or 3072 or 4096))
                {
                    throw new ArgumentException($"RSA keys are 2048, 3072 or 4096 bits, not {spec.Size}.", nameof(spec));
                }

                _rsa = RSA.Create(spec.Size);
                break;
            case "EC":
                Curve = spec.Curve;
                _ecdsa = ECDsa.Create(spec.Curve switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    "P-521" => ECCurve.NamedCurves.nistP521,
                    _ => throw new ArgumentException($"The curve '{spec.Curve}' is not one of P-256, P-384, P-521.", nameof(spec)),
                });
                break;
            default:
                throw new ArgumentException($"The key type '{spec.Kty}' is not RSA or EC.", nameof(spec));
        }
    }

    public string Name { get; }
    public string Version { get; }
    public bool Hsm { get; }
    public bool Enabled { get; }
    public DateTimeOffset Created { get; }
    public bool IsRsa => _rsa is not null;
    /// <summary>"P-256", "P-384" or "P-521" for EC keys.</summary>
    public string? Curve { get; }
    public string Kty => (IsRsa ? "RSA" : "EC") + (Hsm ? "-HSM" : "");

    public string Kid(string vaultUrl) => $"{vaultUrl}/keys/{Name}/{Version}";

    /// <summary>The KeyBundle Key Vault answers to GET /keys/{name}/{version}: the JsonWebKey's public members and the attributes.</summary>
    public JsonObject ToBundle(string vaultUrl)
    {
        var key = new JsonObject { ["kid"] = Kid(vaultUrl), ["kty"] = Kty };
        if (_rsa is not null)
        {
            var parameters = _rsa.ExportParameters(false);
            key["key_ops"] = new JsonArray("sign", "verify", "wrapKey", "unwrapKey", "encrypt", "decrypt");
            key["n"] = Base64Url(parameters.Modulus!);
            key["e"] = Base64Url(parameters.Exponent!);
        }
        else
        {
            var parameters = _ecdsa!.ExportParameters(false);
            key["key_ops"] = new JsonArray("sign", "verify");
            key["crv"] = Curve;
            key["x"] = Base64Url(parameters.Q.X!);
            key["y"] = Base64Url(parameters.Q.Y!);
        }

        var epoch = Created.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["key"] = key,
            ["attributes"] = new JsonObject
            {
                ["enabled"] = Enabled,
                ["created"] = epoch,
                ["updated"] = epoch,
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
                ["exportable"] = false,
            },
        };
    }

    /// <summary>Signs a digest the caller computed: PKCS#1 v1.5 for RS*, raw R‖S (IEEE P1363) for ES*, as Key Vault answers.</summary>
    public byte[] SignDigest(SignAlgorithm algorithm, byte[] digest) => _rsa is not null
        ? _rsa.SignHash(digest, algorithm.Hash, RSASignaturePadding.Pkcs1)
        : _ecdsa!.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
