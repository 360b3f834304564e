using OktaServiceApp.Core.Tests.Support;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using OktaServiceApp.Core.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>One test per <see cref="KeyProblem"/> value, named Problem_{value}; assertions are on Problem, never on text.</summary>
public sealed partial class KeyProblemTests
{
    [Fact]
    public void Problem_EveryValueHasATest()
    {
        var tested = typeof(KeyProblemTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => m.Name)
            .Where(n => n.StartsWith("Problem_", StringComparison.Ordinal))
            .Select(n => n.Substring("Problem_".Length))
            .ToHashSet();

        Assert.All(Enum.GetNames(typeof(KeyProblem)), name => Assert.Contains(name, tested));
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task Problem_KeyNotRegistered()
    {
        var builder = new Core.Connections.ConnectionBuilder(new Core.Sharing.OktaRegistry(), () => new Core.Configuration.OktaSettings());
        using var key = SigningKey.Generate("RS256", keyId: "k1");
        var request = new Core.Connections.ConnectionRequest
        {
            OrgUrl = "https://dev-1.okta.com",
            ClientId = "0oa1",
            Key = new Core.Keys.Sources.SignerKeySource(key),
            RegisteredKeyIds = new[] { "other" },
        };

        var ex = await Assert.ThrowsAsync<KeyException>(() => builder.ResolveAppAsync(request, null, true, CancellationToken.None));
        Assert.Equal(KeyProblem.KeyNotRegistered, ex.Problem);
    }

    [Fact]
    public void Problem_UnsupportedAlgorithm()
    {
        Assert.Equal(KeyProblem.UnsupportedAlgorithm, Problem(() => SigningKey.Generate("HS256")));
        Assert.Equal(KeyProblem.UnsupportedAlgorithm, Problem(() => SigningKey.Generate("PS256")));
        Assert.Equal(KeyProblem.UnsupportedAlgorithm, Problem(() => SigningKey.Generate("")));

        using var rsa = SigningKey.Generate("RS256");
        Assert.Equal(KeyProblem.UnsupportedAlgorithm, Problem(() => SigningKey.Import(WithMember(rsa.ExportPrivateJwk(), "alg", "PS256"))));
    }

    [Fact]
    [Trait(Requires.Name, Requires.ECDsa)]
    public void Problem_UnsupportedAlgorithm_ForTheCurve()
    {
        using var ec = SigningKey.Generate("ES256");
        Assert.Equal(KeyProblem.UnsupportedAlgorithm, Problem(() => SigningKey.Import(WithMember(ec.ExportPrivateJwk(), "alg", "ES384"))));
    }

    [Fact]
    public void Problem_KeySizeTooSmall()
    {
        Assert.Equal(KeyProblem.KeySizeTooSmall, Problem(() => SigningKey.Generate("RS256", 1024)));
        Assert.Equal(KeyProblem.KeySizeTooSmall, Problem(() => SigningKey.Generate("RS256", 2047)));
        Assert.Equal(KeyProblem.KeySizeTooSmall, Problem(() => SigningKey.Import(TestKeys.Rsa1024Pkcs1Pem)));
    }

    [Fact]
    public void Problem_KeySizeNotAllowed()
    {
        Assert.Equal(KeyProblem.KeySizeNotAllowed, Problem(() => SigningKey.Generate("RS256", 2049)));
        Assert.Equal(KeyProblem.KeySizeNotAllowed, Problem(() => SigningKey.Generate("RS256", 8192)));
    }

    [Fact]
    public void Problem_KeySizeWithEllipticCurve()
    {
        Assert.Equal(KeyProblem.KeySizeWithEllipticCurve, Problem(() => SigningKey.Generate("ES256", 256)));
        Assert.Equal(KeyProblem.KeySizeWithEllipticCurve, Problem(() => SigningKey.Generate("ES512", 2048)));
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_InvalidKeyId()
    {
        Assert.Equal(KeyProblem.InvalidKeyId, Problem(() => SigningKey.Generate("ES256", keyId: "")));
        Assert.Equal(KeyProblem.InvalidKeyId, Problem(() => SigningKey.Generate("ES256", keyId: "  ")));
        Assert.Equal(KeyProblem.InvalidKeyId, Problem(() => SigningKey.Generate("ES256", keyId: " padded")));
        Assert.Equal(KeyProblem.InvalidKeyId, Problem(() => SigningKey.Generate("ES256", keyId: "line\nbreak")));
        Assert.Equal(KeyProblem.InvalidKeyId, Problem(() => SigningKey.Generate("ES256", keyId: new string('k', 257))));
        Assert.Equal(KeyProblem.InvalidKeyId, Problem(() => SigningKey.Import(TestKeys.P384Sec1Pem, keyId: "\t")));

        using var ec = SigningKey.Generate("ES256");
        Assert.Equal(KeyProblem.InvalidKeyId, Problem(() => SigningKey.Import(WithMember(ec.ExportPrivateJwk(), "kid", "bad\u0001"))));
    }

    [Fact]
    public void Problem_FileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N") + ".pem");

        Assert.Equal(KeyProblem.FileNotFound, Problem(() => KeyFile.Read(path)));
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_PathIsDirectory()
    {
        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            using var key = SigningKey.Generate("ES256");
            Assert.Equal(KeyProblem.PathIsDirectory, Problem(() => KeyFile.Read(directory)));
            Assert.Equal(KeyProblem.PathIsDirectory, Problem(() => KeyFile.Write(key, directory, KeyFileFormat.Pem, overwrite: true)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_PublicKeyOnly()
    {
        Assert.Equal(KeyProblem.PublicKeyOnly, Problem(() => SigningKey.Import(TestKeys.P256PublicPem)));
        Assert.Equal(KeyProblem.PublicKeyOnly, Problem(() => SigningKey.Import(TestKeys.RsaPkcs1PublicPem)));

        using var rsa = SigningKey.Generate("RS256");
        using var ec = SigningKey.Generate("ES384");
        Assert.Equal(KeyProblem.PublicKeyOnly, Problem(() => SigningKey.Import(JsonSerializer.Serialize(rsa.ToPublicJwk()))));
        Assert.Equal(KeyProblem.PublicKeyOnly, Problem(() => SigningKey.Import(JsonSerializer.Serialize(ec.ToPublicJwk()))));
        Assert.Equal(KeyProblem.PublicKeyOnly, Problem(() => SigningKey.Import(rsa.ToPublicJwksJson())));

#if !NETFRAMEWORK
        // .NET Framework cannot write a certificate as PEM.
        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", certificateKey, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(KeyProblem.PublicKeyOnly, Problem(() => SigningKey.Import(certificate.ExportCertificatePem())));
#endif
    }

    [Fact]
    public void Problem_EncryptedKey()
    {
        var noPassword = Assert.Throws<KeyException>(() => SigningKey.Import(TestKeys.P256EncryptedAesPem));
        Assert.Equal(KeyProblem.EncryptedKey, noPassword.Problem);
        Assert.Contains("openssl pkey -in", noPassword.Message);

        Assert.Equal(KeyProblem.EncryptedKey, Problem(() => SigningKey.Import(TestKeys.P256LegacyEncryptedPem)));
        Assert.Equal(KeyProblem.EncryptedKey, Problem(() => SigningKey.Import(TestKeys.P256EncryptedPbes1Pem, TestKeys.TestPassword)));
    }

    [Fact]
    public void Problem_UnsupportedCipher()
    {
        var camellia = LegacyTestKeys.RsaAes256Pem.Replace("DEK-Info: AES-256-CBC,", "DEK-Info: CAMELLIA-256-CBC,");
        Assert.Equal(KeyProblem.UnsupportedCipher, Problem(() => SigningKey.Import(camellia, TestKeys.TestPassword)));
    }

    [Fact]
    public void Problem_WrongPassword()
    {
        Assert.Equal(KeyProblem.WrongPassword, Problem(() => SigningKey.Import(TestKeys.P256EncryptedAesPem, "wrong")));
        Assert.Equal(KeyProblem.WrongPassword, Problem(() => SigningKey.Import(TestKeys.P384EncryptedDes3Pem, "")));
        Assert.Equal(KeyProblem.WrongPassword, Problem(() => SigningKey.Import(LegacyTestKeys.RsaDes3Pem, "wrong")));
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_MalformedPem()
    {
        using var key = SigningKey.Generate("ES256");
        var pem = key.ExportPkcs8Pem();
        var lines = pem.Split('\n');

        var badBase64 = pem.Replace(lines[1], "!!!!" + lines[1].Substring(4));
        Assert.Equal(KeyProblem.MalformedPem, Problem(() => SigningKey.Import(badBase64)));

        var noEnd = pem.Replace("-----END PRIVATE KEY-----", "");
        Assert.Equal(KeyProblem.MalformedPem, Problem(() => SigningKey.Import(noEnd)));

        var notDer = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        Assert.Equal(KeyProblem.MalformedPem, Problem(() => SigningKey.Import(notDer)));

        var truncated = string.Join("\n", lines.Take(2).Append("-----END PRIVATE KEY-----"));
        Assert.Equal(KeyProblem.MalformedPem, Problem(() => SigningKey.Import(truncated)));

        var rsaLabelOnEcKey = pem.Replace("PRIVATE KEY", "RSA PRIVATE KEY");
        Assert.Equal(KeyProblem.MalformedPem, Problem(() => SigningKey.Import(rsaLabelOnEcKey)));
    }

    [Fact]
    public void Problem_MissingPrivateMember()
    {
        using var rsa = SigningKey.Generate("RS256");
        var jwk = rsa.ExportPrivateJwk();

        Assert.Equal(KeyProblem.MissingPrivateMember, Problem(() => SigningKey.Import(WithoutMember(jwk, "d"))));
        Assert.Equal(KeyProblem.MissingPrivateMember, Problem(() => SigningKey.Import(WithoutMember(jwk, "qi"))));
        Assert.Equal(KeyProblem.MissingPrivateMember, Problem(() => SigningKey.Import(WithoutMember(WithoutMember(jwk, "p"), "q"))));
    }

    [Fact]
    public void Problem_UnsupportedKeyType()
    {
        Assert.Equal(KeyProblem.UnsupportedKeyType, Problem(() => SigningKey.Import(TestKeys.Ed25519Pkcs8Pem)));
        Assert.Equal(KeyProblem.UnsupportedKeyType, Problem(() => SigningKey.Import("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}")));
        Assert.Equal(KeyProblem.UnsupportedKeyType, Problem(() => SigningKey.Import("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AA\",\"d\":\"AA\"}")));

#if !NETFRAMEWORK
        // .NET Framework cannot write a DSA key as PKCS#8 PEM.
        using var dsa = DSA.Create(1024);
        Assert.Equal(KeyProblem.UnsupportedKeyType, Problem(() => SigningKey.Import(dsa.ExportPkcs8PrivateKeyPem())));
#endif
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_UnsupportedCurve()
    {
        Assert.Equal(KeyProblem.UnsupportedCurve, Problem(() => SigningKey.Import(TestKeys.Secp256k1Sec1Pem)));

        using var ec = SigningKey.Generate("ES256");
        Assert.Equal(KeyProblem.UnsupportedCurve, Problem(() => SigningKey.Import(WithMember(ec.ExportPrivateJwk(), "crv", "secp256k1"))));
        Assert.Equal(KeyProblem.UnsupportedCurve, Problem(() => SigningKey.Import(WithMember(ec.ExportPrivateJwk(), "crv", "P-192"))));

#if !NETFRAMEWORK
        // .NET Framework cannot write an EC key as SEC1 PEM.
        using var explicitCurve = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var explicitParameters = explicitCurve.ExportExplicitParameters(true);
        using var withExplicit = ECDsa.Create(explicitParameters);
        Assert.Equal(KeyProblem.UnsupportedCurve, Problem(() => SigningKey.Import(withExplicit.ExportECPrivateKeyPem())));
#endif
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_UnknownFormat()
    {
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import("")));
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import("not a key at all")));
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import("{\"hello\":\"world\"}")));
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import("{ broken json")));
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n")));
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")));

        using var ec = SigningKey.Generate("ES256");
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import(WithMember(ec.ExportPrivateJwk(), "d", "not*base64url"))));
        using var other = SigningKey.Generate("ES256");
        var mismatched = WithMember(ec.ExportPrivateJwk(), "d", JsonNode.Parse(other.ExportPrivateJwk())!["d"]!.GetValue<string>());
        Assert.Equal(KeyProblem.UnknownFormat, Problem(() => SigningKey.Import(mismatched)));
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_NoPrivateKey()
    {
        using var source = SigningKey.Generate("ES256");
        using var publicOnly = SigningKey.ImportPublicJwk(source.ToPublicJwk());

        Assert.False(publicOnly.HasPrivateKey);
        Assert.Equal(KeyProblem.NoPrivateKey, Problem(() => publicOnly.SignCompact("{}", "{}")));
        Assert.Equal(KeyProblem.NoPrivateKey, Problem(() => publicOnly.ExportPkcs8Pem()));
        Assert.Equal(KeyProblem.NoPrivateKey, Problem(() => publicOnly.ExportPrivateJwk()));

        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var path = Path.Combine(directory, "key.pem");
            Assert.Equal(KeyProblem.NoPrivateKey, Problem(() => KeyFile.Write(publicOnly, path, KeyFileFormat.Pem, overwrite: false)));
            Assert.False(File.Exists(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Problem_FileExists()
    {
        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var path = Path.Combine(directory, "key.pem");
            File.WriteAllText(path, "already here");
            using var key = SigningKey.Generate("ES256");

            Assert.Equal(KeyProblem.FileExists, Problem(() => KeyFile.Write(key, path, KeyFileFormat.Pem, overwrite: false)));
            Assert.Equal(KeyProblem.FileExists, Problem(() => KeyFile.Write(key, path, KeyFileFormat.Jwk, overwrite: false)));
            Assert.Equal("already here", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Messages_NeverContainKeyMaterial()
    {
        using var rsa = SigningKey.Generate("RS256");
        using var ec = SigningKey.Generate("ES256");
        var rsaJwk = rsa.ExportPrivateJwk();
        var rsaPem = rsa.ExportPkcs8Pem();
        var ecJwk = ec.ExportPrivateJwk();
        var ecPem = ec.ExportPkcs8Pem();
        var secrets = Secrets(rsaJwk, rsaPem).Concat(Secrets(ecJwk, ecPem)).ToList();
        var ecLines = ecPem.Split('\n');

        var failures = new Func<object>[]
        {
            () => SigningKey.Import(WithoutMember(rsaJwk, "d")),
            () => SigningKey.Import(WithoutMember(rsaJwk, "dq")),
            () => SigningKey.Import(WithMember(rsaJwk, "alg", "PS256")),
            () => SigningKey.Import(WithMember(rsaJwk, "n", "%%%")),
            () => SigningKey.Import(WithMember(rsaJwk, "kid", "\u0001" + JsonNode.Parse(rsaJwk)!["d"]!.GetValue<string>())),
            () => SigningKey.Import(WithMember(ecJwk, "crv", JsonNode.Parse(ecJwk)!["d"]!.GetValue<string>())),
            () => SigningKey.Import(WithMember(ecJwk, "kty", JsonNode.Parse(ecJwk)!["d"]!.GetValue<string>())),
            () => SigningKey.Import(WithMember(ecJwk, "alg", JsonNode.Parse(ecJwk)!["d"]!.GetValue<string>())),
            () => SigningKey.Import(WithMember(ecJwk, "d", JsonNode.Parse(rsaJwk)!["d"]!.GetValue<string>())),
            () => SigningKey.Import(WithoutMember(ecJwk, "d")),
            () => SigningKey.Import(ecJwk.Replace("\"d\":", "\"d\":x")),
            () => SigningKey.Import(rsaPem.Replace("PRIVATE KEY", "EC PRIVATE KEY")),
            () => SigningKey.Import(ecPem.Replace(ecLines[1], "#" + ecLines[1].Substring(1))),
            () => SigningKey.Import(ecPem.Replace("-----END PRIVATE KEY-----", "")),
            () => SigningKey.Import(ecPem.Replace("BEGIN PRIVATE KEY", "BEGIN " + ecLines[1]).Replace("END PRIVATE KEY", "END " + ecLines[1])),
            () => SigningKey.Import(ecPem.Replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), "password"),
            () => SigningKey.Import(ecPem.Replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")),
            () => SigningKey.Import(ecLines[1] + ecLines[2]),
            () => SigningKey.Import(TestKeys.P256EncryptedAesPem, "wrong"),
        };

        foreach (var failure in failures)
        {
            var exception = Assert.Throws<KeyException>(() => failure());
            for (Exception? e = exception; e is not null; e = e.InnerException)
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, e.Message);
                }
            }
        }
    }

    [Fact]
    public async Task Problem_CertificateThumbprintInvalid()
    {
        var source = new Core.Keys.Sources.CertificateStoreKeySource("not-a-thumbprint");
        Assert.Equal(KeyProblem.CertificateThumbprintInvalid,
            (await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None))).Problem);
    }

    [Fact]
    public async Task Problem_CertificateNotFound()
    {
        // No certificate has an all-zero SHA-1 thumbprint, so no store holds one.
        var source = new Core.Keys.Sources.CertificateStoreKeySource(new string('0', 40));
        Assert.Equal(KeyProblem.CertificateNotFound,
            (await Assert.ThrowsAsync<KeyException>(() => source.OpenAsync(CancellationToken.None))).Problem);
    }

    [Fact]
    public void Problem_CertificateNoPrivateKey()
    {
        using var publicOnly = PublicOnlyCertificate();
        Assert.Equal(KeyProblem.CertificateNoPrivateKey, Problem(() => CertificateSigner.Open(publicOnly)));
    }

    [Fact]
    public void Problem_KeyNotExportable()
    {
        using var publicOnly = PublicOnlyCertificate();
        using var signer = CertificateSigner.Open(publicOnly, requirePrivateKey: false);
        Assert.Equal(KeyProblem.KeyNotExportable, Problem(() => KeyExport.Exportable(signer)));
        using var inMemory = SigningKey.Generate("RS256");
        Assert.Same(inMemory, KeyExport.Exportable(inMemory));
    }

    /// <summary>A self-signed RSA 2048 certificate (CN=okta-test-public-only) without its key, as a .cer file holds it.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 PublicOnlyCertificate()
    {
        var der = Convert.FromBase64String(PublicOnlyCertificateDer);
#if NET
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(der);
#else
        return new System.Security.Cryptography.X509Certificates.X509Certificate2(der);
#endif
    }

    private const string PublicOnlyCertificateDer =
        "MIICwTCCAamgAwIBAgIJAIaSF9BWQ0LnMA0GCSqGSIb3DQEBCwUAMCAxHjAcBgNVBAMTFW9rdGEtdGVzdC1wdWJsaWMtb25seTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMCAxHjAcBgNVBAMTFW9rdGEtdGVzdC1wdWJsaWMtb25seTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBANWHSvwqH5+rp4uuh7SnNNCD227pdS9Gu44Vx6ViDT1aN5Bkp9Yqg1VD3VDcPaDuSmtn+51dhwHfdWhmKQvPGDBWa1HahcP0g13c733g82ZFvFfEwjWtKq7uMLXNvgAjnn48pDmBvQhvC9anWYUhhosTqIRiSZ5T5BmPOQ4xTzE33/roagyHlSzut9c9T89okWWLjM7xwlNa98biGibEILvezdKc0yukZl/BFSoS1bG1yoxV+7Lb1ctF7lFpvl0J5DrJTOiMB2N+ocxXhfHHPFsFF8D6tF4tlAfPfNM8pPMDrjyusUuZmiuQIUY2lF9bbdrMi1Nx5wHecmR1sdHUQGMCAwEAATANBgkqhkiG9w0BAQsFAAOCAQEABttGp8uuruIWUPsHrG+TW4xLdH4hXk2pthWxtIllXboGQ64q2/YoO2KqdVSJsxoZaR0t+TRsQeXfH0Eli3cDjs9No9NRmDx6x10QbigMBEtD9BbRSK+Z3x6LF5qui0ognMg8t4E1+AvIP+IgiR+s/ZDvAFR4u5zqRl++nQ5rQ/TvIvVHWK5vMT5agMySV+/WOcCkTWC5uPyvhVDMsHGu9FpyGean1LwPo/AfZVXuH6DgKM10eFBkyHxwp6psJww2kwW3eheF8mCIc2NWe4VJ8Dduh74aKuJbVmC+u2fdpc6RypUKX1x868xviLegs8bG3+pNPk77r0Af4AdCohVT+w==";

    private static KeyProblem Problem(Func<object> action) => Assert.Throws<KeyException>(() => action()).Problem;

    private static KeyProblem Problem(Action action) => Assert.Throws<KeyException>(action).Problem;

    private static string WithMember(string json, string name, string value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[name] = value;
        return node.ToJsonString();
    }

    private static string WithoutMember(string json, string name)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove(name);
        return node.ToJsonString();
    }

    /// <summary>Every 12-character window of each private member and PEM body line: a message quoting even part of the
    /// key would contain one.</summary>
    private static IEnumerable<string> Secrets(string jwk, string pem)
    {
        var node = JsonNode.Parse(jwk)!.AsObject();
        var values = new[] { "d", "p", "q", "dp", "dq", "qi", "n", "x", "y" }
            .Where(node.ContainsKey)
            .Select(name => node[name]!.GetValue<string>())
            .Concat(pem.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));
        foreach (var value in values)
        {
            for (var i = 0; i + 12 <= value.Length; i += 6)
            {
                yield return value.Substring(i, 12);
            }
        }
    }
}
