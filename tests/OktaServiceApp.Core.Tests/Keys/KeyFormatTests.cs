using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using OktaServiceApp.Core.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>The internal DER, PEM, base64url and PBKDF2 pieces, where random keys would only rarely hit the edge cases.</summary>
public sealed class KeyFormatTests
{
    [Fact]
    public void Pkcs1_WritesMinimalIntegersAndReadsFixedLengthsBack()
    {
        // Not a real key: only the encoding is under test. Every value starts with zero bytes, as RSAParameters' fixed-length
        // d and CRT values sometimes do, which DER must drop and the reader must restore.
        var modulus = Filled(256, 0xC1);
        var half = 128;
        var parameters = new RSAParameters
        {
            Modulus = modulus,
            Exponent = new byte[] { 0x01, 0x00, 0x01 },
            D = WithLeadingZeros(256, 2),
            P = WithLeadingZeros(half, 1),
            Q = WithLeadingZeros(half, 3),
            DP = WithLeadingZeros(half, 1),
            DQ = WithLeadingZeros(half, 2),
            InverseQ = WithLeadingZeros(half, 1),
        };
        var writer = new AsnWriter(AsnEncodingRules.DER);

        Pkcs1.WritePrivateKey(writer, parameters);
        var read = Pkcs1.ReadPrivateKey(writer.Encode());

        Assert.Equal(parameters.Modulus, read.Modulus);
        Assert.Equal(parameters.D, read.D);
        Assert.Equal(parameters.P, read.P);
        Assert.Equal(parameters.Q, read.Q);
        Assert.Equal(parameters.DP, read.DP);
        Assert.Equal(parameters.DQ, read.DQ);
        Assert.Equal(parameters.InverseQ, read.InverseQ);
    }

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Fact]
    public void Pkcs8_EcKeyMatchesOpensslLayout()
    {
        using var key = SigningKey.Generate("ES256");
        var pem = key.ExportPkcs8Pem();
        var der = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);

        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(0, (int)outer.ReadInteger());
        var algorithm = outer.ReadSequence();
        Assert.Equal("1.2.840.10045.2.1", algorithm.ReadObjectIdentifier());
        Assert.Equal("1.2.840.10045.3.1.7", algorithm.ReadObjectIdentifier());
        var inner = new AsnReader(outer.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(1, (int)inner.ReadInteger());
        Assert.Equal(32, inner.ReadOctetString().Length);
        Assert.True(inner.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)));
    }
#endif

    [Fact]
    public void Pem_WritesRfc7468Armor()
    {
        var der = Filled(100, 0xAB);

        var pem = Pem.Write("PRIVATE KEY", der);

        var lines = pem.Split('\n');
        Assert.Equal("-----BEGIN PRIVATE KEY-----", lines[0]);
        Assert.Equal(64, lines[1].Length);
        Assert.Equal("-----END PRIVATE KEY-----", lines[lines.Length - 2]);
        Assert.Equal("", lines[lines.Length - 1]);
        var block = Assert.Single(Pem.ReadAll(pem));
        Assert.Equal(der, block.DecodeBody());
    }

    [Fact]
    public void Pem_ReadsHeadersAndSkipsEcParameters()
    {
        var blocks = Pem.ReadAll(TestKeys.P256LegacyEncryptedPem + "\n" + TestKeys.P256Sec1WithParametersPem);

        Assert.Equal(new[] { "EC PRIVATE KEY", "EC PARAMETERS", "EC PRIVATE KEY" }, blocks.Select(b => b.Label));
        Assert.True(blocks[0].IsLegacyEncrypted);
        Assert.False(blocks[2].IsLegacyEncrypted);
    }

    [Theory]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 0xFB }, "-w")]
    [InlineData(new byte[] { 0xFF, 0xEF }, "_-8")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    public void Base64Url_EncodesWithoutPadding(byte[] data, string expected)
    {
        Assert.Equal(expected, Base64Url.Encode(data));
        Assert.Equal(data, Base64Url.Decode(expected));
    }

    [Theory]
    [InlineData("a+b")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("A")]
    public void Base64Url_RejectsOtherAlphabets(string text)
    {
        Assert.Throws<FormatException>(() => Base64Url.Decode(text));
    }

#if !NETFRAMEWORK
    // Cross-checks against .NET's own PEM/PKCS#8/X.509 code, which .NET Framework does not have: net10.0 only.
    [Fact]
    public void Pbkdf2_MatchesRfc6070AndDotNet()
    {
        // RFC 6070 test vector 2.
        var sha1 = EncryptedPkcs8.Pbkdf2(Encoding.ASCII.GetBytes("password"), Encoding.ASCII.GetBytes("salt"), 2, 20,
            "1.2.840.113549.2.7");
        Assert.Equal("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957", string.Concat(sha1.Select(b => b.ToString("x2"))));

        var password = Encoding.UTF8.GetBytes("pässword");
        var salt = Filled(16, 0x5A);
        foreach (var (oid, hash) in new[]
                 {
                     ("1.2.840.113549.2.9", HashAlgorithmName.SHA256),
                     ("1.2.840.113549.2.10", HashAlgorithmName.SHA384),
                     ("1.2.840.113549.2.11", HashAlgorithmName.SHA512),
                 })
        {
            // 80 bytes spans several PRF blocks for every hash.
            Assert.Equal(Rfc2898DeriveBytes.Pbkdf2(password, salt, 1000, hash, 80),
                EncryptedPkcs8.Pbkdf2(password, salt, 1000, 80, oid));
        }
    }
#endif

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    private static byte[] WithLeadingZeros(int length, int zeros)
    {
        var value = Filled(length, 0x7E);
        Array.Clear(value, 0, zeros);
        return value;
    }
}
