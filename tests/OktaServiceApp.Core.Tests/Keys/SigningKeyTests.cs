using OktaServiceApp.Core.Tests.Support;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using OktaServiceApp.Core.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

public sealed class SigningKeyTests
{
    private static readonly string[] s_privateMembers = { "d", "p", "q", "dp", "dq", "qi" };

    public static TheoryData<string> AllAlgorithms => new() { "RS256", "RS384", "RS512", "ES256", "ES384", "ES512" };

    public static TheoryData<string> RsaAlgorithms => new() { "RS256", "RS384", "RS512" };

    public static TheoryData<string> EcAlgorithmNames => new() { "ES256", "ES384", "ES512" };

    public static TheoryData<string, string, int> EcAlgorithms => new()
    {
        { "ES256", "P-256", 256 },
        { "ES384", "P-384", 384 },
        { "ES512", "P-521", 521 },
    };

    [Fact]
    public void Generate_DefaultsToRs256With2048Bits()
    {
        using var key = SigningKey.Generate();

        Assert.Equal("RS256", key.Algorithm);
        Assert.Equal("RSA", key.KeyType);
        Assert.Equal(2048, key.KeySize);
        Assert.Null(key.Curve);
        Assert.True(key.HasPrivateKey);
        Assert.InRange(key.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    // On .NET Framework RSA.Create() is an RSACryptoServiceProvider, and under Mono both RSA.Create(bits) and setting KeySize
    // afterwards leave a 1024-bit key while KeySize may still say otherwise: count the modulus itself.
    [Theory]
    [InlineData(2048)]
    public void Generate_RsaModulusHasTheAskedSize(int bits)
    {
        using var key = SigningKey.Generate("RS256", bits);
        var modulus = Base64Url.Decode(key.ToPublicJwk().N!);

        Assert.Equal(bits / 8, modulus.Length);
        Assert.True(modulus[0] >= 0x80, "the modulus's top bit is set");
        Assert.Equal(bits, key.KeySize);
    }

    [Theory]
    [InlineData(3072)]
    [InlineData(4096)]
    public void Generate_RsaHonoursAllowedSizes(int size)
    {
        using var key = SigningKey.Generate("RS512", size);

        Assert.Equal(size, key.KeySize);
        Assert.Equal(size / 8, Base64UrlEncoder.DecodeBytes(key.ToPublicJwk().N).Length);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public void Generate_EcCurveFollowsAlgorithm(string algorithm, string curve, int size)
    {
        using var key = SigningKey.Generate(algorithm);

        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal("EC", key.KeyType);
        Assert.Equal(curve, key.Curve);
        Assert.Equal(size, key.KeySize);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Generate_AlgorithmIsCaseInsensitive()
    {
        using var key = SigningKey.Generate("es256");

        Assert.Equal("ES256", key.Algorithm);
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [MemberData(nameof(EcAlgorithmNames))]
    public void Generate_DefaultKeyIdIsThumbprint_Ec(string algorithm) => Generate_DefaultKeyIdIsThumbprint(algorithm);

    [Theory]
    [MemberData(nameof(RsaAlgorithms))]
    public void Generate_DefaultKeyIdIsThumbprint(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm);

        Assert.Equal(key.Thumbprint, key.KeyId);
        Assert.Equal(43, key.Thumbprint.Length);
        var identityModelThumbprint = Base64UrlEncoder.Encode(KeyTestHelpers.ToIdentityModelKey(key).ComputeJwkThumbprint());
        Assert.Equal(identityModelThumbprint, key.Thumbprint);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Generate_ExplicitKeyIdIsKept()
    {
        using var key = SigningKey.Generate("ES256", keyId: "my-key-2024");

        Assert.Equal("my-key-2024", key.KeyId);
        Assert.Equal("my-key-2024", key.ToPublicJwk().Kid);
        Assert.NotEqual(key.KeyId, key.Thumbprint);
    }

    [Fact]
    public void Thumbprint_MatchesRfc7638Example()
    {
        // RFC 7638 §3.1.
        var jwk = new PublicJwk
        {
            Kty = "RSA",
            N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4" +
                "n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zg" +
                "dAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kE" +
                "gU8awapJzKnqDKgw",
            E = "AQAB",
            Alg = "RS256",
            Kid = "2011-04-29",
        };
        const string expected = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

        Assert.Equal(expected, JwkThumbprint.Compute(jwk));
        using var key = SigningKey.ImportPublicJwk(jwk);
        Assert.Equal(expected, key.Thumbprint);
        Assert.Equal("2011-04-29", key.KeyId);
        Assert.False(key.HasPrivateKey);
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [MemberData(nameof(EcAlgorithmNames))]
    public void ToPublicJwk_HasPublicMembersOnly_Ec(string algorithm) => ToPublicJwk_HasPublicMembersOnly(algorithm);

    [Theory]
    [MemberData(nameof(RsaAlgorithms))]
    public void ToPublicJwk_HasPublicMembersOnly(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm);
        var json = JsonSerializer.Serialize(key.ToPublicJwk());
        using var document = JsonDocument.Parse(json);
        var names = KeyTestHelpers.PropertyNames(document.RootElement);

        var expected = key.KeyType == "RSA"
            ? new[] { "kty", "kid", "alg", "use", "n", "e" }
            : new[] { "kty", "kid", "alg", "use", "crv", "x", "y" };
        Assert.Equal(expected.OrderBy(n => n), names.OrderBy(n => n));
        Assert.Equal("sig", document.RootElement.GetProperty("use").GetString());
        Assert.Equal(algorithm, document.RootElement.GetProperty("alg").GetString());
        Assert.False(new JsonWebKey(json).HasPrivateKey);
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [MemberData(nameof(EcAlgorithmNames))]
    public void ToPublicJwksJson_IsKeysArrayWithoutPrivateMembers_Ec(string algorithm) => ToPublicJwksJson_IsKeysArrayWithoutPrivateMembers(algorithm);

    [Theory]
    [MemberData(nameof(RsaAlgorithms))]
    public void ToPublicJwksJson_IsKeysArrayWithoutPrivateMembers(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm);
        var json = key.ToPublicJwksJson();
        using var document = JsonDocument.Parse(json);

        Assert.Equal(new[] { "keys" }, KeyTestHelpers.PropertyNames(document.RootElement));
        var keys = document.RootElement.GetProperty("keys");
        Assert.Equal(1, keys.GetArrayLength());
        var names = KeyTestHelpers.PropertyNames(keys[0]);
        Assert.Empty(names.Intersect(s_privateMembers));
        Assert.Equal(key.KeyId, keys[0].GetProperty("kid").GetString());
        var jwks = new JsonWebKeySet(json);
        Assert.False(jwks.Keys.Single().HasPrivateKey);
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [MemberData(nameof(EcAlgorithmNames))]
    public void Pkcs8Pem_RoundTrips_Ec(string algorithm) => Pkcs8Pem_RoundTrips(algorithm);

    [Theory]
    [MemberData(nameof(RsaAlgorithms))]
    public void Pkcs8Pem_RoundTrips(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm, keyId: "round-trip");
        var pem = key.ExportPkcs8Pem();

        var lines = pem.TrimEnd('\n').Split('\n');
        Assert.Equal("-----BEGIN PRIVATE KEY-----", lines[0]);
        Assert.Equal("-----END PRIVATE KEY-----", lines[lines.Length - 1]);
        Assert.All(lines.Skip(1).Take(lines.Length - 3), line => Assert.Equal(64, line.Length));
        Assert.InRange(lines[lines.Length - 2].Length, 1, 64);

        using var imported = SigningKey.Import(pem);
        Assert.Equal(key.Thumbprint, imported.Thumbprint);
        Assert.Equal(key.Thumbprint, imported.KeyId);
        Assert.Equal(key.KeyType, imported.KeyType);
        Assert.Equal(key.KeySize, imported.KeySize);
        Assert.Equal(key.Curve, imported.Curve);
        // PEM carries no alg, so an RSA key comes back as RS256; the private scalar must survive either way.
        Assert.Equal(key.KeyType == "RSA" ? "RS256" : algorithm, imported.Algorithm);
        Assert.Equal(JsonNode.Parse(key.ExportPrivateJwk())!["d"]!.GetValue<string>(),
            JsonNode.Parse(imported.ExportPrivateJwk())!["d"]!.GetValue<string>());
        if (imported.Algorithm == algorithm)
        {
            AssertSameKeyPair(key, imported);
        }
    }

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Pkcs8Pem_IsReadByDotNet(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm);
        var pem = key.ExportPkcs8Pem();
        var jwk = key.ToPublicJwk();

        if (key.KeyType == "RSA")
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            Assert.Equal(jwk.N, Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus));
        }
        else
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            Assert.Equal(jwk.X, Base64UrlEncoder.Encode(ecdsa.ExportParameters(false).Q.X));
        }
    }
#endif

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [MemberData(nameof(EcAlgorithmNames))]
    public void Pkcs8Pem_PassesOpensslPkey_Ec(string algorithm) => Pkcs8Pem_PassesOpensslPkey(algorithm);

    [Theory]
    [MemberData(nameof(RsaAlgorithms))]
    public void Pkcs8Pem_PassesOpensslPkey(string algorithm)
    {
        if (!KeyTestHelpers.HasOpenssl)
        {
            return;
        }

        using var key = SigningKey.Generate(algorithm);
        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var path = Path.Combine(directory, "key.pem");
            File.WriteAllText(path, key.ExportPkcs8Pem());

            var (exitCode, error) = KeyTestHelpers.RunOpenssl("pkey", "-in", path, "-noout");
            Assert.True(exitCode == 0, error);
            var (checkCode, checkError) = KeyTestHelpers.RunOpenssl("pkey", "-in", path, "-noout", "-check");
            Assert.True(checkCode == 0, checkError);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [Trait(Requires.Name, Requires.ECDsa)]
    [MemberData(nameof(EcAlgorithmNames))]
    public void PrivateJwk_RoundTrips_Ec(string algorithm) => PrivateJwk_RoundTrips(algorithm);

    [Theory]
    [MemberData(nameof(RsaAlgorithms))]
    public void PrivateJwk_RoundTrips(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm, keyId: "jwk-kid");
        var json = key.ExportPrivateJwk();
        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal("jwk-kid", document.RootElement.GetProperty("kid").GetString());
            Assert.Equal(algorithm, document.RootElement.GetProperty("alg").GetString());
            Assert.True(document.RootElement.TryGetProperty("d", out _));
        }

        Assert.True(new JsonWebKey(json).HasPrivateKey);

        using var imported = SigningKey.Import(json);
        Assert.Equal(key.Thumbprint, imported.Thumbprint);
        Assert.Equal("jwk-kid", imported.KeyId);
        Assert.Equal(algorithm, imported.Algorithm);
        AssertSameKeyPair(key, imported);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public async Task PrivateJwk_IsReadByIdentityModel()
    {
        using var key = SigningKey.Generate("ES384");
        var jwk = new JsonWebKey(key.ExportPrivateJwk());
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken("{\"a\":1}",
            new SigningCredentials(jwk, "ES384"));

        var result = await KeyTestHelpers.ValidateAsync(token, KeyTestHelpers.ToIdentityModelKey(key));
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Fact]
    public void Import_Pkcs1PemFromOpenssl()
    {
        using var key = SigningKey.Import(TestKeys.RsaPkcs1Pem);
        using var reference = RSA.Create();
        reference.ImportFromPem(TestKeys.RsaPkcs1Pem);

        Assert.Equal("RSA", key.KeyType);
        Assert.Equal("RS256", key.Algorithm);
        Assert.Equal(2048, key.KeySize);
        Assert.Equal(Base64UrlEncoder.Encode(reference.ExportParameters(false).Modulus), key.ToPublicJwk().N);
        Assert.Equal(key.Thumbprint, key.KeyId);
    }
#endif

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Theory]
    [InlineData(nameof(TestKeys.P256Sec1WithParametersPem), "P-256", "ES256")]
    [InlineData(nameof(TestKeys.P384Sec1Pem), "P-384", "ES384")]
    [InlineData(nameof(TestKeys.P521Sec1Pem), "P-521", "ES512")]
    public void Import_Sec1PemFromOpenssl(string constant, string curve, string algorithm)
    {
        var pem = (string)typeof(TestKeys).GetField(constant)!.GetValue(null)!;
        using var key = SigningKey.Import(pem);
        using var reference = ECDsa.Create();
        reference.ImportFromPem(pem);

        Assert.Equal(curve, key.Curve);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(Base64UrlEncoder.Encode(reference.ExportParameters(false).Q.Y), key.ToPublicJwk().Y);
    }
#endif

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Fact]
    public void Import_Sec1PemWithoutPublicKeyDerivesIt()
    {
        using var reference = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = reference.ExportParameters(true);
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        writer.PushSequence();
        writer.WriteInteger(1);
        writer.WriteOctetString(parameters.D);
        var curveTag = new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0, true);
        writer.PushSequence(curveTag);
        writer.WriteObjectIdentifier("1.2.840.10045.3.1.7");
        writer.PopSequence(curveTag);
        writer.PopSequence();
        var pem = PemEncoding.WriteString("EC PRIVATE KEY", writer.Encode());

        using var key = SigningKey.Import(pem);

        Assert.Equal(Base64UrlEncoder.Encode(parameters.Q.X), key.ToPublicJwk().X);
    }
#endif

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Import_KeysGeneratedByOpensslNow()
    {
        if (!KeyTestHelpers.HasOpenssl)
        {
            return;
        }

        var directory = KeyTestHelpers.TempDirectory();
        try
        {
            var rsaPath = Path.Combine(directory, "rsa.pem");
            var ecPath = Path.Combine(directory, "ec.pem");
            Assert.Equal(0, KeyTestHelpers.RunOpenssl("genrsa", "-traditional", "-out", rsaPath, "2048").ExitCode);
            Assert.Equal(0, KeyTestHelpers.RunOpenssl("ecparam", "-name", "secp384r1", "-genkey", "-out", ecPath).ExitCode);

            Assert.Contains("BEGIN RSA PRIVATE KEY", File.ReadAllText(rsaPath));
            Assert.Contains("BEGIN EC PARAMETERS", File.ReadAllText(ecPath));
            using var rsa = KeyFile.Read(rsaPath);
            using var ec = KeyFile.Read(ecPath);
            Assert.Equal("RS256", rsa.Algorithm);
            Assert.Equal("ES384", ec.Algorithm);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Theory]
    [InlineData(nameof(TestKeys.P256EncryptedAesPem), "ES256")]
    [InlineData(nameof(TestKeys.P384EncryptedDes3Pem), "ES384")]
    public void Import_EncryptedPkcs8WithPassword(string constant, string algorithm)
    {
        var pem = (string)typeof(TestKeys).GetField(constant)!.GetValue(null)!;
        using var key = SigningKey.Import(pem, TestKeys.TestPassword);
        using var reference = ECDsa.Create();
        reference.ImportFromEncryptedPem(pem, TestKeys.TestPassword);

        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(Base64UrlEncoder.Encode(reference.ExportParameters(false).Q.X), key.ToPublicJwk().X);
    }
#endif

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Fact]
    public void Import_EncryptedRsaPkcs8MadeByDotNet()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportEncryptedPkcs8PrivateKeyPem("pässword",
            new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA512, 1000));

        using var key = SigningKey.Import(pem, "pässword");

        Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), key.ToPublicJwk().N);
    }
#endif

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Import_KeyIdPrecedence()
    {
        using var source = SigningKey.Generate("ES256", keyId: "from-jwk");
        var jwk = source.ExportPrivateJwk();

        using var explicitId = SigningKey.Import(jwk, keyId: "explicit");
        using var jwkId = SigningKey.Import(jwk);
        using var thumbprintId = SigningKey.Import(source.ExportPkcs8Pem());

        Assert.Equal("explicit", explicitId.KeyId);
        Assert.Equal("from-jwk", jwkId.KeyId);
        Assert.Equal(source.Thumbprint, thumbprintId.KeyId);
    }

    [Fact]
    public void Import_RsaJwkKeepsItsAlg()
    {
        using var source = SigningKey.Generate("RS384");

        using var imported = SigningKey.Import(source.ExportPrivateJwk());

        Assert.Equal("RS384", imported.Algorithm);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Import_OneKeyJwks()
    {
        using var source = SigningKey.Generate("ES256");
        var jwks = "{\"keys\":[" + source.ExportPrivateJwk() + "]}";

        using var imported = SigningKey.Import(jwks);

        Assert.Equal(source.Thumbprint, imported.Thumbprint);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Import_PemWithCrLfAndSurroundingText()
    {
        using var source = SigningKey.Generate("ES256");
        var pem = "Bag Attributes\r\n    localKeyID: 01\r\n" + source.ExportPkcs8Pem().Replace("\n", "\r\n") + "trailing\r\n";

        using var imported = SigningKey.Import(pem);

        Assert.Equal(source.Thumbprint, imported.Thumbprint);
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Theory]
    [MemberData(nameof(EcAlgorithms))]
    public async Task SignCompact_EcSignatureIsP1363(string algorithm, string curve, int size)
    {
        using var key = SigningKey.Generate(algorithm);
        var header = JsonSerializer.Serialize(new { alg = algorithm, typ = "JWT" });

        var jws = key.SignCompact(header, "{\"sub\":\"x\"}");

        var signature = Base64UrlEncoder.DecodeBytes(jws.Split('.')[2]);
        Assert.Equal(2 * ((size + 7) / 8), signature.Length);
        Assert.NotNull(curve);
        var result = await KeyTestHelpers.ValidateAsync(jws, KeyTestHelpers.ToIdentityModelKey(key));
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task SignCompact_RsaVerifiesWithIdentityModel(string algorithm)
    {
        using var key = SigningKey.Generate(algorithm);
        var header = JsonSerializer.Serialize(new { alg = algorithm, kid = key.KeyId });

        var jws = key.SignCompact(header, "{\"sub\":\"x\"}");

        Assert.Equal(header, Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jws.Split('.')[0])));
        var result = await KeyTestHelpers.ValidateAsync(jws, KeyTestHelpers.ToIdentityModelKey(key));
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Trait(Requires.Name, Requires.ECDsa)]
    [Fact]
    public void Dispose_StopsSigning()
    {
        var key = SigningKey.Generate("ES256");
        key.Dispose();

        Assert.False(key.HasPrivateKey);
        Assert.Throws<ObjectDisposedException>(() => key.SignCompact("{}", "{}"));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPkcs8Pem());
        Assert.NotNull(key.ToPublicJwk().X);
    }

    private static void AssertSameKeyPair(SigningKey signer, SigningKey verifier)
    {
        var data = Encoding.ASCII.GetBytes("same key pair");
        Assert.True(verifier.Verify(data, signer.Sign(data)));
        Assert.True(signer.Verify(data, verifier.Sign(data)));
    }
}
