using System.Security.Cryptography;
using System.Text;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// OpenSSL's legacy PEM encryption (RFC 1421 headers "Proc-Type: 4,ENCRYPTED" and "DEK-Info: cipher,iv-hex"), what
/// <c>openssl genrsa -aes256</c> wrote before OpenSSL 3 and <c>-traditional</c> still writes. The key is OpenSSL's
/// EVP_BytesToKey with MD5, one round, and the first 8 bytes of the IV as salt. It is a weak derivation, which is why OpenSSL
/// moved to PKCS#8; it is read here only so that existing files import.
/// </summary>
internal static class LegacyPemEncryption
{
    private const string ReencryptHint =
        "convert a copy to encrypted PKCS#8 with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem";

    // EVP_BytesToKey's salt is PKCS5_SALT_LEN bytes of the IV.
    private const int SaltLength = 8;

    /// <summary>The decrypted DER of the block (PKCS#1 or SEC1 for the labels OpenSSL writes). Checks in the order that
    /// helps most: a broken header is MalformedPem, a cipher it cannot undo is UnsupportedCipher (a password would not help),
    /// then no password is EncryptedKey, and a password that does not decrypt is WrongPassword.</summary>
    public static byte[] Decrypt(PemBlock block, string? password)
    {
        var (cipherName, iv) = ReadDekInfo(block);
        using var cipher = CreateCipher(cipherName, out var keyLength);
        if (iv.Length != cipher.BlockSize / 8)
        {
            throw Malformed("its DEK-Info IV is not one cipher block long");
        }

        if (password is null)
        {
            throw new KeyException(KeyProblem.EncryptedKey,
                $"The '{block.Label}' PEM is encrypted (Proc-Type: 4,ENCRYPTED); give its password, or {EncryptedPkcs8.DecryptHint}");
        }

        var encrypted = block.DecodeBody();
        if (encrypted.Length % iv.Length != 0)
        {
            throw Malformed("its body is not a whole number of cipher blocks");
        }

        var key = DeriveKey(password, iv, keyLength);
        return PasswordCipher.Decrypt(cipher, key, iv, encrypted);
    }

    /// <summary>EVP_BytesToKey(MD5, salt, password, count 1): D1 = MD5(password || salt), Di = MD5(Di-1 || password || salt),
    /// key = D1 || D2 || ... cut to length. Only the key is taken from it; the IV is the header's.</summary>
    internal static byte[] BytesToKey(byte[] password, byte[] salt, int length)
    {
        using var md5 = MD5.Create();
        var key = new byte[length];
        var previous = Array.Empty<byte>();
        for (var offset = 0; offset < length; offset += previous.Length)
        {
            var input = new byte[previous.Length + password.Length + salt.Length];
            Buffer.BlockCopy(previous, 0, input, 0, previous.Length);
            Buffer.BlockCopy(password, 0, input, previous.Length, password.Length);
            Buffer.BlockCopy(salt, 0, input, previous.Length + password.Length, salt.Length);
            KeyMaterial.Wipe(previous);
            previous = md5.ComputeHash(input);
            KeyMaterial.Wipe(input);
            Buffer.BlockCopy(previous, 0, key, offset, Math.Min(previous.Length, length - offset));
        }

        KeyMaterial.Wipe(previous);
        return key;
    }

    private static byte[] DeriveKey(string password, byte[] iv, int keyLength)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var salt = new byte[SaltLength];
        Buffer.BlockCopy(iv, 0, salt, 0, SaltLength);
        try
        {
            return BytesToKey(passwordBytes, salt, keyLength);
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or CryptographicException ||
                                  e is System.Reflection.TargetInvocationException { InnerException: InvalidOperationException })
        {
            // A FIPS policy (Windows' or OpenSSL's) refuses MD5, and the legacy format cannot be read without it. .NET
            // Framework creates MD5 through CryptoConfig, which wraps the provider's refusal in TargetInvocationException.
            throw new KeyException(KeyProblem.UnsupportedCipher,
                $"The legacy encrypted PEM needs MD5 to derive its key, which this system's crypto policy refuses; {ReencryptHint}");
        }
        finally
        {
            KeyMaterial.Wipe(passwordBytes);
        }
    }

    private static (string CipherName, byte[] Iv) ReadDekInfo(PemBlock block)
    {
        if (!block.Headers.TryGetValue("Proc-Type", out var procType) ||
            !string.Equals(procType.Replace(" ", ""), "4,ENCRYPTED", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed("its Proc-Type header is not '4,ENCRYPTED'");
        }

        if (!block.Headers.TryGetValue("DEK-Info", out var dekInfo))
        {
            throw Malformed("it has no DEK-Info header");
        }

        var comma = dekInfo.IndexOf(',');
        if (comma <= 0)
        {
            throw Malformed("its DEK-Info header is not 'cipher,iv'");
        }

        var iv = FromHex(dekInfo.Substring(comma + 1).Trim()) ?? throw Malformed("its DEK-Info IV is not hexadecimal");
        return (dekInfo.Substring(0, comma).Trim(), iv);
    }

    private static SymmetricAlgorithm CreateCipher(string name, out int keyLength)
    {
        switch (name.ToUpperInvariant())
        {
            case "AES-128-CBC":
                keyLength = 16;
                return Aes.Create();
            case "AES-192-CBC":
                keyLength = 24;
                return Aes.Create();
            case "AES-256-CBC":
                keyLength = 32;
                return Aes.Create();
            case "DES-EDE3-CBC":
                keyLength = 24;
                return TripleDES.Create();
            default:
                throw new KeyException(KeyProblem.UnsupportedCipher,
                    $"The legacy encrypted PEM uses the cipher {DescribeCipher(name)}; only AES-128-CBC, AES-192-CBC, AES-256-CBC " +
                    $"and DES-EDE3-CBC are supported; {ReencryptHint}");
        }
    }

    /// <summary>The name comes from the user's file; only one that looks like a cipher name is echoed.</summary>
    private static string DescribeCipher(string name) =>
        name.Length is > 0 and <= 40 && name.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
            ? name
            : "(unrecognised)";

    private static byte[]? FromHex(string hex)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static KeyException Malformed(string why) =>
        new(KeyProblem.MalformedPem, $"The legacy encrypted PEM is damaged: {why}.");
}
