using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// EncryptedPrivateKeyInfo (RFC 5208 §6) with PBES2 = PBKDF2 + AES-CBC or 3DES-CBC (RFC 8018): what
/// <c>openssl pkcs8 -topk8</c> and <c>openssl genpkey -aes256</c> write. netstandard2.0 has no EncryptedPkcs8 import,
/// and its Rfc2898DeriveBytes is SHA-1 only, so PBKDF2 is done here over HMAC.
/// </summary>
internal static class EncryptedPkcs8
{
    public const string DecryptHint = "decrypt it first with: openssl pkey -in key.pem -out key-decrypted.pem";

    // openssl's default is 2048 and current guidance is 600000; far beyond that is a denial of service, not a key.
    private const int MaxIterations = 10_000_000;

    /// <summary>Returns the plain PKCS#8 DER. Throws EncryptedKey for a scheme it cannot undo, WrongPassword when the
    /// password does not decrypt it, MalformedPem for broken structure.</summary>
    public static byte[] Decrypt(ReadOnlyMemory<byte> der, string password)
    {
        string schemeOid;
        byte[] encrypted;
        AsnReader schemeParameters;
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.BER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var algorithm = sequence.ReadSequence();
            schemeOid = algorithm.ReadObjectIdentifier();
            schemeParameters = algorithm;
            encrypted = sequence.ReadOctetString();
        }
        catch (AsnContentException e)
        {
            throw Malformed(e);
        }

        if (schemeOid != Oids.Pbes2)
        {
            throw Unsupported("a PKCS#5 v1 or PKCS#12 password scheme");
        }

        byte[] salt;
        int iterations;
        int? keyLength;
        string prfOid;
        string cipherOid;
        byte[] iv;
        try
        {
            var pbes2 = schemeParameters.ReadSequence();
            var kdf = pbes2.ReadSequence();
            if (kdf.ReadObjectIdentifier() != Oids.Pbkdf2)
            {
                throw Unsupported("a key derivation other than PBKDF2 (such as scrypt)");
            }

            var kdfParameters = kdf.ReadSequence();
            if (!kdfParameters.PeekTag().HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
            {
                throw Unsupported("a PBKDF2 salt from another source");
            }

            salt = kdfParameters.ReadOctetString();
            if (!kdfParameters.TryReadInt32(out iterations) || iterations < 1 || iterations > MaxIterations)
            {
                throw Unsupported("an unreasonable PBKDF2 iteration count");
            }

            keyLength = null;
            if (kdfParameters.HasData && kdfParameters.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                keyLength = kdfParameters.TryReadInt32(out var length) ? length : throw Malformed();
            }

            prfOid = Oids.HmacWithSha1;
            if (kdfParameters.HasData)
            {
                var prf = kdfParameters.ReadSequence();
                prfOid = prf.ReadObjectIdentifier();
            }

            var cipher = pbes2.ReadSequence();
            cipherOid = cipher.ReadObjectIdentifier();
            iv = cipher.HasData && cipher.PeekTag().HasSameClassAndValue(Asn1Tag.PrimitiveOctetString)
                ? cipher.ReadOctetString()
                : Array.Empty<byte>();
        }
        catch (AsnContentException e)
        {
            throw Malformed(e);
        }

        using var symmetric = CreateCipher(cipherOid, out var cipherKeyLength);
        if ((keyLength is { } declared && declared != cipherKeyLength) || iv.Length != symmetric.BlockSize / 8)
        {
            throw Malformed();
        }

        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var key = Pbkdf2(passwordBytes, salt, iterations, cipherKeyLength, prfOid);
        KeyMaterial.Wipe(passwordBytes);
        return PasswordCipher.Decrypt(symmetric, key, iv, encrypted);
    }

    internal static byte[] Pbkdf2(byte[] password, byte[] salt, int iterations, int length, string prfOid)
    {
        using HMAC hmac = prfOid switch
        {
            Oids.HmacWithSha1 => new HMACSHA1(password),
            Oids.HmacWithSha256 => new HMACSHA256(password),
            Oids.HmacWithSha384 => new HMACSHA384(password),
            Oids.HmacWithSha512 => new HMACSHA512(password),
            _ => throw Unsupported("an unknown PBKDF2 hash"),
        };

        var hashLength = hmac.HashSize / 8;
        var result = new byte[length];
        var blockInput = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, blockInput, 0, salt.Length);
        for (int block = 1, offset = 0; offset < length; block++, offset += hashLength)
        {
            blockInput[salt.Length] = (byte)(block >> 24);
            blockInput[salt.Length + 1] = (byte)(block >> 16);
            blockInput[salt.Length + 2] = (byte)(block >> 8);
            blockInput[salt.Length + 3] = (byte)block;
            var u = hmac.ComputeHash(blockInput);
            var t = (byte[])u.Clone();
            for (var i = 1; i < iterations; i++)
            {
                u = hmac.ComputeHash(u);
                for (var j = 0; j < t.Length; j++)
                {
                    t[j] ^= u[j];
                }
            }

            Buffer.BlockCopy(t, 0, result, offset, Math.Min(hashLength, length - offset));
            KeyMaterial.Wipe(t);
            KeyMaterial.Wipe(u);
        }

        return result;
    }

    private static SymmetricAlgorithm CreateCipher(string oid, out int keyLength)
    {
        switch (oid)
        {
            case Oids.Aes128Cbc:
                keyLength = 16;
                return Aes.Create();
            case Oids.Aes192Cbc:
                keyLength = 24;
                return Aes.Create();
            case Oids.Aes256Cbc:
                keyLength = 32;
                return Aes.Create();
            case Oids.DesEde3Cbc:
                keyLength = 24;
                return TripleDES.Create();
            default:
                throw Unsupported("a cipher other than AES-CBC or 3DES-CBC");
        }
    }

    private static KeyException Unsupported(string what) =>
        new(KeyProblem.EncryptedKey, $"The encrypted private key uses {what}, which this module cannot decrypt; {DecryptHint}");

    private static KeyException Malformed(Exception? inner = null) =>
        new(KeyProblem.MalformedPem, "The key is not a valid encrypted PKCS#8 private key.", inner);
}
