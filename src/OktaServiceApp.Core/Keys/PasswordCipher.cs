using System.Formats.Asn1;
using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// The CBC decryption that both password formats end in (PKCS#8 PBES2 and legacy OpenSSL PEM), and the one way a wrong
/// password shows: the padding or the DER inside does not come out right.
/// </summary>
internal static class PasswordCipher
{
    /// <summary>Decrypts with CBC and PKCS#7 padding and wipes <paramref name="key"/>. Throws WrongPassword when the result
    /// is not a single DER SEQUENCE, which is what every private key format inside is.</summary>
    public static byte[] Decrypt(SymmetricAlgorithm cipher, byte[] key, byte[] iv, byte[] encrypted)
    {
        byte[] plain;
        try
        {
            cipher.Mode = CipherMode.CBC;
            cipher.Padding = PaddingMode.PKCS7;
            cipher.Key = key;
            cipher.IV = iv;
            using var decryptor = cipher.CreateDecryptor();
            plain = decryptor.TransformFinalBlock(encrypted, 0, encrypted.Length);
        }
        catch (CryptographicException)
        {
            // Bad padding is what a wrong password looks like; the exception text says nothing more useful.
            throw WrongPassword();
        }
        finally
        {
            KeyMaterial.Wipe(key);
        }

        // A wrong password still yields valid padding about once in 256 tries; the structure check catches those.
        if (!LooksLikeSequence(plain))
        {
            KeyMaterial.Wipe(plain);
            throw WrongPassword();
        }

        return plain;
    }

    public static KeyException WrongPassword() =>
        new(KeyProblem.WrongPassword, "The password does not decrypt the private key.");

    private static bool LooksLikeSequence(byte[] plain)
    {
        try
        {
            var reader = new AsnReader(plain, AsnEncodingRules.BER);
            reader.ReadSequence();
            return !reader.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
