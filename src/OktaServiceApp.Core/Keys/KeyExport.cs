namespace OktaServiceApp.Core.Keys;

/// <summary>The one gate before a private key is written out: only a key held in memory can be; any other signer refuses.</summary>
public static class KeyExport
{
    /// <summary>The in-memory key behind <paramref name="signer"/>; KeyNotExportable for a certificate's or a remote key.</summary>
    public static SigningKey Exportable(IJwsSigner signer)
    {
        if (signer is null)
        {
            throw new ArgumentNullException(nameof(signer));
        }

        if (signer is SigningKey key)
        {
            return key;
        }

        var (where, use) = signer switch
        {
            CertificateSigner certificate => ($"certificate {certificate}", "-Certificate or -CertificateThumbprint"),
            KeyVault.KeyVaultSigner => ("its Azure Key Vault", "-KeyVaultKeyId"),
            _ => ("its store", "the parameter that named it"),
        };
        throw new KeyException(KeyProblem.KeyNotExportable,
            $"Key {signer.KeyId} stays in {where} and cannot be written to a file. " +
            $"Use it where it is ({use}) wherever the key is needed.");
    }
}
