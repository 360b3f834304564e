namespace OktaServiceApp.Core.Keys;

/// <summary>Works out which of the supported private key formats a text is in and reads it into key material.</summary>
internal static class KeyReader
{
    private static readonly string[] s_privateLabels =
        { "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" };

    private static readonly string[] s_publicLabels =
        { "PUBLIC KEY", "RSA PUBLIC KEY", "EC PUBLIC KEY", "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE" };

    private const string Expected =
        "expected a PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) or a private JWK";

    public static KeyMaterial Read(string text, string? password)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new KeyException(KeyProblem.UnknownFormat, $"The key text is empty; {Expected}.");
        }

        if (PrivateJwk.LooksLikeJson(text))
        {
            return PrivateJwk.Read(text);
        }

        if (!Pem.ContainsPem(text))
        {
            throw new KeyException(KeyProblem.UnknownFormat, $"The key text is neither PEM nor JSON; {Expected}.");
        }

        var blocks = Pem.ReadAll(text);
        // A bundle may hold a certificate next to the key, so a private key anywhere in it wins.
        var block = blocks.FirstOrDefault(b => s_privateLabels.Contains(b.Label));
        if (block is null)
        {
            throw NoPrivateBlock(blocks);
        }

        // Legacy OpenSSL encryption wraps the same DER the plain label holds, so after decrypting the label decides as usual.
        var der = block.IsLegacyEncrypted ? ReadLegacyEncrypted(block, password) : block.DecodeBody();
        try
        {
            switch (block.Label)
            {
                case "PRIVATE KEY":
                    return Pkcs8.ReadPrivateKey(der);
                case "RSA PRIVATE KEY":
                    return KeyMaterial.ForRsa(Pkcs1.ReadPrivateKey(der));
                case "EC PRIVATE KEY":
                    return Sec1.ReadPrivateKey(der, outerCurve: null);
                default:
                    if (password is null)
                    {
                        throw new KeyException(KeyProblem.EncryptedKey,
                            $"The private key is encrypted; give its password, or {EncryptedPkcs8.DecryptHint}");
                    }

                    var plain = EncryptedPkcs8.Decrypt(der, password);
                    try
                    {
                        return Pkcs8.ReadPrivateKey(plain);
                    }
                    finally
                    {
                        KeyMaterial.Wipe(plain);
                    }
            }
        }
        finally
        {
            KeyMaterial.Wipe(der);
        }
    }

    private static byte[] ReadLegacyEncrypted(PemBlock block, string? password)
    {
        if (block.Label == "ENCRYPTED PRIVATE KEY")
        {
            // openssl never writes this: PKCS#8 encryption inside legacy encryption.
            throw new KeyException(KeyProblem.MalformedPem,
                "The 'ENCRYPTED PRIVATE KEY' PEM carries legacy Proc-Type encryption headers as well; it is not a key openssl writes.");
        }

        return LegacyPemEncryption.Decrypt(block, password);
    }

    private static KeyException NoPrivateBlock(IReadOnlyList<PemBlock> blocks)
    {
        var publicBlock = blocks.FirstOrDefault(b => s_publicLabels.Contains(b.Label));
        if (publicBlock is not null)
        {
            return new KeyException(KeyProblem.PublicKeyOnly,
                $"The PEM holds only a public key ('{publicBlock.Label}'); the private key is needed to sign.");
        }

        var other = blocks.FirstOrDefault(b => b.Label != "EC PARAMETERS");
        if (other is null)
        {
            return new KeyException(KeyProblem.UnknownFormat, $"The PEM holds no key; {Expected}.");
        }

        return other.Label switch
        {
            "DSA PRIVATE KEY" => new KeyException(KeyProblem.UnsupportedKeyType,
                "DSA keys are not supported; use an RSA or EC (P-256, P-384, P-521) key."),
            "OPENSSH PRIVATE KEY" => new KeyException(KeyProblem.UnknownFormat,
                "OpenSSH private keys are not supported; convert a copy with: ssh-keygen -p -m PKCS8 -f key-copy"),
            _ => new KeyException(KeyProblem.UnknownFormat, $"The PEM block '{Pem.DescribeLabel(other.Label)}' is not a key; {Expected}."),
        };
    }
}
