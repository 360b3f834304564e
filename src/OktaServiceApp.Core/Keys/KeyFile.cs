using System.Text;

namespace OktaServiceApp.Core.Keys;

/// <summary>Reads and writes private key files. Written files are readable by their owner only.</summary>
public static class KeyFile
{
    // The largest sensible key file (a 16384-bit RSA JWK) is far below this; anything bigger is not a key.
    private const long MaxKeyFileBytes = 1024 * 1024;

    /// <summary>Throws KeyException FileNotFound / PathIsDirectory, or the import problems of SigningKey.Import.</summary>
    public static SigningKey Read(string path, string? password = null, string? keyId = null)
    {
        var fullPath = FullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new KeyException(KeyProblem.PathIsDirectory, $"The path '{fullPath}' is a directory, not a key file.");
        }

        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            throw new KeyException(KeyProblem.FileNotFound, $"The key file '{fullPath}' does not exist.");
        }

        if (file.Length > MaxKeyFileBytes)
        {
            throw new KeyException(KeyProblem.UnknownFormat, $"The file '{fullPath}' is too large to be a key file.");
        }

        return SigningKey.Import(File.ReadAllText(fullPath), password, keyId);
    }

    /// <summary>Writes the key (Pem = PKCS#8, Jwk = private JWK JSON) with mode 0600 on Unix and an owner-only ACL on
    /// Windows, created that way before any secret byte is written. Refuses an existing file (FileExists) unless overwrite.</summary>
    public static void Write(SigningKey key, string path, KeyFileFormat format, bool overwrite)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var fullPath = FullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new KeyException(KeyProblem.PathIsDirectory, $"The path '{fullPath}' is a directory.");
        }

        var existed = File.Exists(fullPath);
        if (existed && !overwrite)
        {
            throw new KeyException(KeyProblem.FileExists, $"The file '{fullPath}' already exists; pass overwrite to replace it.");
        }

        // Export first: a key that cannot be exported must not leave an empty file behind.
        var text = format switch
        {
            KeyFileFormat.Pem => key.ExportPkcs8Pem(),
            KeyFileFormat.Jwk => key.ExportPrivateJwk() + "\n",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown key file format."),
        };
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        var created = false;
        try
        {
            using var stream = OwnerOnlyFile.Create(fullPath, overwrite);
            created = !existed;
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (created && e is not KeyException)
        {
            TryDelete(fullPath);
            throw;
        }
        finally
        {
            KeyMaterial.Wipe(bytes);
        }
    }

    private static string FullPath(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (path.Trim().Length == 0)
        {
            throw new ArgumentException("The key file path is empty.", nameof(path));
        }

        return Path.GetFullPath(path);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The write error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

public enum KeyFileFormat
{
    Pem,
    Jwk,
}
