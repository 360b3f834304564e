namespace OktaServiceApp.Core.Keys;

/// <summary>Reads and writes private key files. Written files are readable by their owner only.</summary>
public static class KeyFile
{
    /// <summary>Throws KeyException FileNotFound / PathIsDirectory, or the import problems of SigningKey.Import.</summary>
    public static SigningKey Read(string path, string? password = null, string? keyId = null) =>
        throw new NotImplementedException();

    /// <summary>Writes the key (Pem = PKCS#8, Jwk = private JWK JSON) with mode 0600 on Unix and an owner-only ACL on
    /// Windows, created that way before any secret byte is written. Refuses an existing file (FileExists) unless overwrite.</summary>
    public static void Write(SigningKey key, string path, KeyFileFormat format, bool overwrite) =>
        throw new NotImplementedException();
}

public enum KeyFileFormat
{
    Pem,
    Jwk,
}
