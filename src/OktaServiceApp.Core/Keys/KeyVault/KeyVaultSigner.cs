using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>
/// Signs through Key Vault: the digest is computed here, the signature is one POST {kid}/sign. The private key never leaves
/// the vault, so it cannot be exported. The kid is the RFC 7638 thumbprint of the vault key's public part, like every key's.
/// </summary>
public sealed class KeyVaultSigner : IJwsSigner
{
    internal const string ApiVersion = "7.4";

    private readonly KeyVaultPublicKey _key;
    private readonly KeyVaultCredential _credential;
    private readonly KeyVaultTransport _transport;
    private readonly Uri _signUrl;

    internal KeyVaultSigner(KeyVaultPublicKey key, string algorithm, KeyVaultCredential credential, KeyVaultTransport transport)
    {
        _key = key;
        _credential = credential;
        _transport = transport;
        Algorithm = algorithm;
        Thumbprint = JwkThumbprint.Compute(key.Jwk);
        KeyId = Thumbprint;
        _signUrl = new Uri(key.Kid + "/sign?api-version=" + ApiVersion, UriKind.Absolute);
    }

    public string KeyId { get; }
    public string Algorithm { get; }
    public string KeyType => _key.Jwk.Kty;
    public string Thumbprint { get; }
    public bool CanExportPrivateKey => false;

    /// <summary>The vault key this signer uses, with its version: {vault}/keys/{name}/{version}.</summary>
    public string VaultKeyId => _key.Kid.ToString();

    public PublicJwk ToPublicJwk() => _key.Jwk.ForSigning(KeyId, Algorithm);

    public async Task<byte[]> SignAsync(byte[] signingInput, CancellationToken cancellationToken)
    {
        if (signingInput is null)
        {
            throw new ArgumentNullException(nameof(signingInput));
        }

        var digest = Digest(Algorithm, signingInput);
        var body = "{\"alg\":\"" + Algorithm + "\",\"value\":\"" + Base64Url.Encode(digest) + "\"}";
        var answer = await KeyVaultCall.SendAsync(_credential, _transport, _key.Kid, HttpMethod.Post, _signUrl, body, cancellationToken)
            .ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw KeyVaultErrors.From(answer, _key.Kid, signing: true, _credential);
        }

        var signature = ReadSignature(answer.Body);
        var expected = _key.Curve is { } curve ? 2 * curve.CoordinateSize : _key.RsaModulusLength;
        if (signature is null || signature.Length != expected)
        {
            throw new KeyException(KeyProblem.KeyVaultUnavailable,
                $"Key Vault answered the signature request for {_key.Kid} without a {expected}-byte signature.");
        }

        return signature;
    }

    internal static byte[] Digest(string algorithm, byte[] data)
    {
        using HashAlgorithm hash = algorithm.Substring(2) switch
        {
            "256" => SHA256.Create(),
            "384" => SHA384.Create(),
            _ => SHA512.Create(),
        };
        return hash.ComputeHash(data);
    }

    private static byte[]? ReadSignature(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("value", out var value) &&
                value.ValueKind == JsonValueKind.String
                ? Base64Url.Decode(value.GetString()!)
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }
}
