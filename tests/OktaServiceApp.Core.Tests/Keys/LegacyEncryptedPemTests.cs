using System.Text;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.Core.Tests.Support;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>
/// OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED). The checked-in fixtures run everywhere; the openssl cases make
/// fresh keys with the real CLI when /usr/bin/openssl exists, so a drift between the two shows either way.
/// </summary>
public sealed class LegacyEncryptedPemTests
{
    private const string Password = TestKeys.TestPassword;

    // openssl's option name, the DEK-Info name it writes, and the fixture made with it from TestKeys.RsaPkcs1Pem.
    private static readonly (string Option, string DekName, string Pem)[] s_rsaFixtures =
    {
        ("aes128", "AES-128-CBC", LegacyTestKeys.RsaAes128Pem),
        ("aes192", "AES-192-CBC", LegacyTestKeys.RsaAes192Pem),
        ("aes256", "AES-256-CBC", LegacyTestKeys.RsaAes256Pem),
        ("des3", "DES-EDE3-CBC", LegacyTestKeys.RsaDes3Pem),
    };

    public static TheoryData<string> Ciphers => new() { "aes128", "aes192", "aes256", "des3" };

    public static TheoryData<string, string> EcCiphersAndCurves => new()
    {
        { "aes128", "prime256v1" },
        { "aes192", "secp384r1" },
        { "aes256", "secp521r1" },
        { "des3", "prime256v1" },
    };

    [Fact]
    public void BytesToKey_MatchesOpensslEnc()
    {
        // `openssl enc -aes-256-cbc -md md5 -S 0123456789abcdef -pass pass:correct-horse -P` prints key || iv, which is
        // EVP_BytesToKey(MD5, count 1) cut to 48 bytes: three MD5 rounds, so the chaining of rounds is checked too.
        var derived = LegacyPemEncryption.BytesToKey(Encoding.UTF8.GetBytes(Password), FromHex("0123456789ABCDEF"), 48);

        Assert.Equal(FromHex("9A6555F0CDCE16A513429E1050C9FC8A" + "90DBAD49324CB83E77B33D752E03037C" +
            "38F7CDDB7A07CED7F86AC01D18647A54"), derived);
        Assert.Equal(derived.Take(24), LegacyPemEncryption.BytesToKey(Encoding.UTF8.GetBytes(Password), FromHex("0123456789ABCDEF"), 24));
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void RsaFixture_ImportsWithItsPassword_AsTheSameKey(string option)
    {
        var fixture = RsaFixture(option);
        Assert.Contains("Proc-Type: 4,ENCRYPTED", fixture.Pem);
        Assert.Contains("DEK-Info: " + fixture.DekName + ",", fixture.Pem);
        using var expected = SigningKey.Import(TestKeys.RsaPkcs1Pem);

        using var key = SigningKey.Import(fixture.Pem, Password);

        Assert.True(key.HasPrivateKey);
        Assert.Equal("RSA", key.KeyType);
        Assert.Equal(expected.Thumbprint, key.Thumbprint);
        Assert.Equal(expected.ExportPrivateJwk(), key.ExportPrivateJwk());
    }

    [Fact]
    [Trait(Requires.Name, Requires.ECDsa)]
    public void EcFixtures_ImportWithTheirPassword_AsTheSameKeys()
    {
        using var p256 = SigningKey.Import(TestKeys.P256LegacyEncryptedPem, Password);
        using var p256Plain = SigningKey.Import(TestKeys.P256Sec1WithParametersPem);
        using var p384 = SigningKey.Import(LegacyTestKeys.P384Des3Pem, Password);
        using var p384Plain = SigningKey.Import(TestKeys.P384Sec1Pem);

        Assert.Equal(p256Plain.Thumbprint, p256.Thumbprint);
        Assert.Equal("ES256", p256.Algorithm);
        Assert.Equal(p384Plain.Thumbprint, p384.Thumbprint);
        Assert.Equal("ES384", p384.Algorithm);
    }

    [Fact]
    public void KeyFile_ReadsALegacyEncryptedFile_WithThePassword()
    {
        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var path = Path.Combine(directory, "legacy.pem");
            File.WriteAllText(path, LegacyTestKeys.RsaAes256Pem);
            using var expected = SigningKey.Import(TestKeys.RsaPkcs1Pem);

            using var key = KeyFile.Read(path, Password, keyId: "legacy-1");

            Assert.Equal(expected.Thumbprint, key.Thumbprint);
            Assert.Equal("legacy-1", key.KeyId);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task KeySources_OpenALegacyEncryptedKey_WithThePassword()
    {
        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var path = Path.Combine(directory, "legacy.pem");
            File.WriteAllText(path, LegacyTestKeys.RsaDes3Pem);
            using var expected = SigningKey.Import(TestKeys.RsaPkcs1Pem);

            var fromText = await new TextKeySource(LegacyTestKeys.RsaAes128Pem, Password).OpenAsync(CancellationToken.None);
            using var textKey = fromText as IDisposable;
            var fromFile = await new FileKeySource(path, Password).OpenAsync(CancellationToken.None);
            using var fileKey = fromFile as IDisposable;

            Assert.Equal(expected.Thumbprint, fromText.Thumbprint);
            Assert.Equal(expected.Thumbprint, fromFile.Thumbprint);
            var missing = await Assert.ThrowsAsync<KeyException>(() => new TextKeySource(LegacyTestKeys.RsaAes128Pem).OpenAsync(CancellationToken.None));
            Assert.Equal(KeyProblem.EncryptedKey, missing.Problem);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WithoutAPassword_EveryFixtureIsEncryptedKey()
    {
        foreach (var pem in AllFixtures())
        {
            Assert.Equal(KeyProblem.EncryptedKey, ProblemOf(() => SigningKey.Import(pem)));
        }
    }

    [Fact]
    public void AWrongPassword_IsWrongPassword_ForEveryCipher()
    {
        foreach (var pem in AllFixtures())
        {
            foreach (var wrong in new[] { "wrong", "", "correct-hors", "Correct-horse", Password + " " })
            {
                Assert.Equal(KeyProblem.WrongPassword, ProblemOf(() => SigningKey.Import(pem, wrong)));
            }
        }
    }

    [Theory]
    [InlineData("CAMELLIA-256-CBC")]
    [InlineData("AES-256-CFB")]
    [InlineData("DES-CBC")]
    [InlineData("ARIA-128-CBC")]
    public void AnUnknownCipher_IsUnsupportedCipher_WithOrWithoutAPassword(string cipher)
    {
        var pem = LegacyTestKeys.RsaAes256Pem.Replace("DEK-Info: AES-256-CBC,", "DEK-Info: " + cipher + ",");

        Assert.Equal(KeyProblem.UnsupportedCipher, ProblemOf(() => SigningKey.Import(pem, Password)));
        // A password would not help, so the caller is not asked for one.
        Assert.Equal(KeyProblem.UnsupportedCipher, ProblemOf(() => SigningKey.Import(pem)));
    }

    [Fact]
    public void CipherNames_AreReadCaseInsensitively()
    {
        var pem = LegacyTestKeys.RsaDes3Pem.Replace("DEK-Info: DES-EDE3-CBC,", "DEK-Info: des-ede3-cbc,");
        using var expected = SigningKey.Import(TestKeys.RsaPkcs1Pem);

        using var key = SigningKey.Import(pem, Password);

        Assert.Equal(expected.Thumbprint, key.Thumbprint);
    }

    [Fact]
    public void DamagedHeadersOrBody_AreMalformedPem()
    {
        var pem = LegacyTestKeys.RsaAes256Pem;
        var dekLine = pem.Split('\n').Single(l => l.Trim().StartsWith("DEK-Info:", StringComparison.Ordinal)).Trim();
        var body = BodyOf(pem);
        var damaged = new[]
        {
            pem.Replace(dekLine, "Comment: no cipher here"),
            pem.Replace(dekLine, "DEK-Info: AES-256-CBC"),
            pem.Replace(dekLine, "DEK-Info: AES-256-CBC,ZZ3BABBFF1B0DAFFB9CA29DDA5C3F80B"),
            pem.Replace(dekLine, "DEK-Info: AES-256-CBC,2B3BABBFF1B0DAFFB9CA29DDA5C3F80"),
            pem.Replace(dekLine, "DEK-Info: AES-256-CBC,2B3BABBFF1B0DAFF"),
            pem.Replace(dekLine, "DEK-Info: AES-256-CBC,"),
            pem.Replace("Proc-Type: 4,ENCRYPTED", "Proc-Type: 5,ENCRYPTED"),
            Armor("RSA PRIVATE KEY", dekLine, body.Take(body.Length - 5).ToArray()),
            Armor("ENCRYPTED PRIVATE KEY", dekLine, body),
        };

        foreach (var text in damaged)
        {
            Assert.Equal(KeyProblem.MalformedPem, ProblemOf(() => SigningKey.Import(text, Password)));
        }
    }

    [Fact]
    public void Failures_NeverEchoThePasswordOrTheKey()
    {
        var secrets = new[] { Password }
            .Concat(TestKeys.RsaPkcs1Pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 20 && !l.StartsWith("-", StringComparison.Ordinal)))
            .Concat(LegacyTestKeys.RsaAes256Pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length == 64))
            .ToArray();
        var failures = new Action[]
        {
            () => SigningKey.Import(LegacyTestKeys.RsaAes256Pem),
            () => SigningKey.Import(LegacyTestKeys.RsaAes256Pem, Password + "x"),
            () => SigningKey.Import(LegacyTestKeys.RsaAes256Pem.Replace("AES-256-CBC,", "CAMELLIA-256-CBC,"), Password),
            () => SigningKey.Import(LegacyTestKeys.RsaAes256Pem.Replace("AES-256-CBC,", "AES-256-CBC," + Password), Password),
        };

        foreach (var failure in failures)
        {
            var exception = Assert.Throws<KeyException>(failure);
            for (Exception? e = exception; e is not null; e = e.InnerException)
            {
                Assert.All(secrets, secret => Assert.DoesNotContain(secret, e.Message));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void Openssl_GenrsaTraditional_ImportsWithThePassword(string option)
    {
        if (!KeyTestHelpers.HasOpenssl)
        {
            return;
        }

        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var encrypted = Path.Combine(directory, "encrypted.pem");
            var plain = Path.Combine(directory, "plain.pem");
            // OpenSSL 3 writes encrypted PKCS#8 unless told -traditional; OpenSSL 1.1 has no such option and writes legacy.
            RunOpensslTraditional("genrsa", "-" + option, "-passout", "pass:" + Password, "-out", encrypted, "2048");
            AssertLegacyEncrypted(encrypted, "RSA PRIVATE KEY", DekName(option));
            RunOpensslTraditional("rsa", "-in", encrypted, "-passin", "pass:" + Password, "-out", plain);
            using var expected = KeyFile.Read(plain);

            using var key = KeyFile.Read(encrypted, Password);

            Assert.Equal(expected.Thumbprint, key.Thumbprint);
            Assert.Equal(KeyProblem.WrongPassword, ProblemOf(() => KeyFile.Read(encrypted, "not-" + Password)));
            Assert.Equal(KeyProblem.EncryptedKey, ProblemOf(() => KeyFile.Read(encrypted)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [MemberData(nameof(EcCiphersAndCurves))]
    public void Openssl_EcKeyEncrypted_ImportsWithThePassword(string option, string curve)
    {
        if (!KeyTestHelpers.HasOpenssl)
        {
            return;
        }

        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var plain = Path.Combine(directory, "plain.pem");
            var encrypted = Path.Combine(directory, "encrypted.pem");
            // A password with a space and non-ASCII letters: openssl takes its UTF-8 bytes, and so must the import.
            const string password = "pässwörd with space";
            Assert.Equal(0, KeyTestHelpers.RunOpenssl("ecparam", "-name", curve, "-genkey", "-noout", "-out", plain).ExitCode);
            var (exitCode, error) = KeyTestHelpers.RunOpenssl("ec", "-in", plain, "-" + option, "-passout", "pass:" + password,
                "-out", encrypted);
            Assert.True(exitCode == 0, error);
            AssertLegacyEncrypted(encrypted, "EC PRIVATE KEY", DekName(option));
            using var expected = KeyFile.Read(plain);

            using var key = KeyFile.Read(encrypted, password);

            Assert.Equal(expected.Thumbprint, key.Thumbprint);
            Assert.Equal(expected.Algorithm, key.Algorithm);
            Assert.Equal(KeyProblem.WrongPassword, ProblemOf(() => KeyFile.Read(encrypted, "passwörd with space")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Openssl_Camellia_IsUnsupportedCipher()
    {
        if (!KeyTestHelpers.HasOpenssl)
        {
            return;
        }

        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var plain = Path.Combine(directory, "plain.pem");
            var encrypted = Path.Combine(directory, "encrypted.pem");
            File.WriteAllText(plain, TestKeys.RsaPkcs1Pem);
            RunOpensslTraditional("rsa", "-in", plain, "-camellia256", "-passout", "pass:" + Password, "-out", encrypted);
            AssertLegacyEncrypted(encrypted, "RSA PRIVATE KEY", "CAMELLIA-256-CBC");

            Assert.Equal(KeyProblem.UnsupportedCipher, ProblemOf(() => KeyFile.Read(encrypted, Password)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (string Option, string DekName, string Pem) RsaFixture(string option) =>
        s_rsaFixtures.Single(f => f.Option == option);

    private static string DekName(string option) => RsaFixture(option).DekName;

    private static IEnumerable<string> AllFixtures() =>
        s_rsaFixtures.Select(f => f.Pem).Concat(new[] { TestKeys.P256LegacyEncryptedPem, LegacyTestKeys.P384Des3Pem });

    private static void RunOpensslTraditional(params string[] arguments)
    {
        var (exitCode, error) = KeyTestHelpers.RunOpenssl(new[] { arguments[0], "-traditional" }.Concat(arguments.Skip(1)).ToArray());
        if (exitCode != 0)
        {
            (exitCode, error) = KeyTestHelpers.RunOpenssl(arguments);
        }

        Assert.True(exitCode == 0, error);
    }

    private static void AssertLegacyEncrypted(string path, string label, string dekName)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("-----BEGIN " + label + "-----", lines[0]);
        Assert.Equal("Proc-Type: 4,ENCRYPTED", lines[1]);
        Assert.StartsWith("DEK-Info: " + dekName + ",", lines[2], StringComparison.Ordinal);
    }

    private static KeyProblem ProblemOf(Action action) => Assert.Throws<KeyException>(action).Problem;

    private static byte[] BodyOf(string pem) =>
        Convert.FromBase64String(string.Concat(pem.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("-", StringComparison.Ordinal) && l.IndexOf(':') < 0)));

    private static string Armor(string label, string dekLine, byte[] body) =>
        $"-----BEGIN {label}-----\nProc-Type: 4,ENCRYPTED\n{dekLine}\n\n{Convert.ToBase64String(body)}\n-----END {label}-----\n";

    private static byte[] FromHex(string hex) =>
        Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(2 * i, 2), 16)).ToArray();
}
