using OktaServiceApp.Core.Tests.Support;
using OktaServiceApp.Core.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _directory = KeyTestHelpers.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [InlineData(KeyFileFormat.Pem, "ES256")]
    [InlineData(KeyFileFormat.Jwk, "ES512")]
    public void Write_RoundTripsThroughRead_Ec(KeyFileFormat format, string algorithm) => Write_RoundTripsThroughRead(format, algorithm);

    [Theory]
    [InlineData(KeyFileFormat.Pem, "RS256")]
    [InlineData(KeyFileFormat.Jwk, "RS384")]
    public void Write_RoundTripsThroughRead(KeyFileFormat format, string algorithm)
    {
        using var key = SigningKey.Generate(algorithm, keyId: "file-key");
        var path = Path.Combine(_directory, "key.txt");

        KeyFile.Write(key, path, format, overwrite: false);
        using var read = KeyFile.Read(path, keyId: "file-key");

        Assert.Equal(key.Thumbprint, read.Thumbprint);
        Assert.Equal("file-key", read.KeyId);
        var text = File.ReadAllText(path);
        Assert.StartsWith(format == KeyFileFormat.Pem ? "-----BEGIN PRIVATE KEY-----\n" : "{\"kty\":", text);
    }

    [Theory]
    [InlineData(KeyFileFormat.Pem)]
    [InlineData(KeyFileFormat.Jwk)]
    public void Write_NewFileIsOwnerOnly(KeyFileFormat format)
    {
        if (UnixFileModes.IsWindows)
        {
            return;
        }

        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem); // imported: generating RSA keys is slow under Mono
        var path = Path.Combine(_directory, "new.key");

        KeyFile.Write(key, path, format, overwrite: false);

        Assert.Equal(UnixFileModes.OwnerReadWrite, UnixFileModes.Get(path));
    }

    [Fact]
    public void Write_OverwriteTightensAnExistingFile()
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem); // imported: generating RSA keys is slow under Mono
        var path = Path.Combine(_directory, "existing.pem");
        File.WriteAllText(path, new string('x', 5000));
        if (!UnixFileModes.IsWindows)
        {
            UnixFileModes.Set(path, UnixFileModes.OwnerReadWrite | UnixFileModes.GroupRead | UnixFileModes.OtherRead);
        }

        KeyFile.Write(key, path, KeyFileFormat.Pem, overwrite: true);

        Assert.Equal(key.ExportPkcs8Pem(), File.ReadAllText(path));
        if (!UnixFileModes.IsWindows)
        {
            Assert.Equal(UnixFileModes.OwnerReadWrite, UnixFileModes.Get(path));
        }
    }

    [Fact]
    public void Write_RefusesExistingFileWithoutOverwrite()
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem); // imported: generating RSA keys is slow under Mono
        var path = Path.Combine(_directory, "taken.pem");
        File.WriteAllText(path, "keep me");

        var exception = Assert.Throws<KeyException>(() => KeyFile.Write(key, path, KeyFileFormat.Pem, overwrite: false));

        Assert.Equal(KeyProblem.FileExists, exception.Problem);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void Write_MissingFolderIsAnIoError()
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem); // imported: generating RSA keys is slow under Mono
        var path = Path.Combine(_directory, "no-such-folder", "key.pem");

        Assert.Throws<DirectoryNotFoundException>(() => KeyFile.Write(key, path, KeyFileFormat.Pem, overwrite: false));
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Read_PassesPasswordAndKeyId()
    {
        var path = Path.Combine(_directory, "encrypted.pem");
        File.WriteAllText(path, TestKeys.P256EncryptedAesPem);

        using var key = KeyFile.Read(path, TestKeys.TestPassword, "kid-1");

        Assert.Equal("kid-1", key.KeyId);
        Assert.Equal("P-256", key.Curve);
    }

    [Fact]
    public void Read_MissingFileAndDirectory()
    {
        Assert.Equal(KeyProblem.FileNotFound,
            Assert.Throws<KeyException>(() => KeyFile.Read(Path.Combine(_directory, "absent.pem"))).Problem);
        Assert.Equal(KeyProblem.PathIsDirectory, Assert.Throws<KeyException>(() => KeyFile.Read(_directory)).Problem);
    }
}
