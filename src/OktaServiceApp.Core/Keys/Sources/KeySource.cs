namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>
/// Where a service app's private key comes from. The connection builder opens it once; every assertion is then signed
/// through the <see cref="IJwsSigner"/> it returns. New stores (certificates, Key Vault) plug in as further subclasses.
/// </summary>
public abstract class KeySource
{
    /// <summary>Says where the key is without saying anything secret ("file ./svc.pem").</summary>
    public abstract string Description { get; }

    /// <summary>Reads or reaches the key. Throws <see cref="KeyException"/> when it cannot sign.</summary>
    public abstract Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A setting such as OKTA_CLIENT_PRIVATEKEY or okta.yaml's privateKey: PEM text, JWK JSON, or a path to either.</summary>
    public static KeySource FromSetting(string value, string? keyId)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var trimmed = value.Trim();
        return trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal) || trimmed.StartsWith("{", StringComparison.Ordinal)
            ? new TextKeySource(trimmed, keyId: keyId)
            : new FileKeySource(trimmed, keyId: keyId);
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>A signer that cannot sign is refused here, before any request is made with it.</summary>
    private protected static IJwsSigner RequirePrivate(SigningKey key, bool owned = true)
    {
        if (!key.HasPrivateKey)
        {
            if (owned)
            {
                key.Dispose();
            }

            throw new KeyException(KeyProblem.NoPrivateKey,
                "The key has no private part, so it cannot sign. Use the key pair the app was created with.");
        }

        return key;
    }
}
