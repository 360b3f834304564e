using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Sharing;

namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>
/// A key in Azure Key Vault (or Managed HSM), named by its id https://{vault}.vault.azure.net/keys/{name}[/{version}].
/// Opening costs one GET of the key; each signature one POST {kid}/sign. Without a version the vault's current version is
/// read once, at open, and every signature of that signer uses it.
/// </summary>
public sealed class KeyVaultKeySource : KeySource
{
    private readonly KeyVaultCredential _credential;
    private readonly string? _algorithm;

    /// <param name="keyId">The Key Vault key id; checked here (https only, http on loopback).</param>
    /// <param name="registry">Whose HTTP clients reach the vault and whose managed identity tokens are shared.</param>
    /// <param name="credential">A passed token (<see cref="KeyVaultCredential.FromAccessToken"/>) or a managed identity; null
    /// means the environment's managed identity, with its tokens kept in <paramref name="registry"/>.</param>
    /// <param name="algorithm">RS256 (default), RS384 or RS512 for an RSA key; an EC key signs with its curve's ES algorithm.</param>
    public KeyVaultKeySource(string keyId, OktaRegistry registry, KeyVaultCredential? credential = null, string? algorithm = null)
    {
        if (registry is null)
        {
            throw new ArgumentNullException(nameof(registry));
        }

        KeyId = KeyVaultKeyId.Parse(keyId);
        _credential = credential ?? KeyVaultCredential.ManagedIdentity(registry.IdentityTokens);
        Transport = registry.KeyVaultTransport;
        _algorithm = algorithm?.Trim().ToUpperInvariant();
        if (_algorithm is not null && !SigningKey.SupportedAlgorithms.Contains(_algorithm))
        {
            throw new KeyException(KeyProblem.UnsupportedAlgorithm,
                $"The algorithm is not supported; use one of {string.Join(", ", SigningKey.SupportedAlgorithms)}.");
        }
    }

    public KeyVaultKeyId KeyId { get; }

    /// <inheritdoc />
    public override string Description => $"Key Vault key {KeyId} with {_credential.Description}";

    /// <summary>The HTTP path (tests set their own to count retries and record waits).</summary>
    internal KeyVaultTransport Transport { get; set; }

    /// <inheritdoc />
    public override async Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken)
    {
        var url = new Uri(KeyId + "?api-version=" + KeyVaultSigner.ApiVersion, UriKind.Absolute);
        var answer = await KeyVaultCall.SendAsync(_credential, Transport, KeyId, HttpMethod.Get, url, null, cancellationToken)
            .ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw KeyVaultErrors.From(answer, KeyId, signing: false, _credential);
        }

        var key = KeyVaultPublicKey.Parse(answer.Body, KeyId);
        return new KeyVaultSigner(key, AlgorithmFor(key), _credential, Transport);
    }

    private string AlgorithmFor(KeyVaultPublicKey key)
    {
        if (key.Curve is { } curve)
        {
            if (_algorithm is not null && _algorithm != curve.Algorithm)
            {
                throw new KeyException(KeyProblem.UnsupportedAlgorithm,
                    $"The Key Vault key {key.Kid} is on {curve.JwkName}, which signs with {curve.Algorithm}, not {_algorithm}.");
            }

            return curve.Algorithm;
        }

        if (_algorithm is not null && !_algorithm.StartsWith("RS", StringComparison.Ordinal))
        {
            throw new KeyException(KeyProblem.UnsupportedAlgorithm,
                $"The Key Vault key {key.Kid} is an RSA key, which signs with RS256, RS384 or RS512, not {_algorithm}.");
        }

        return _algorithm ?? "RS256";
    }
}
