using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Tests.Keys;
using OktaServiceApp.PowerShell;
using OktaServiceApp.Tests.Support;

namespace OktaServiceApp.Tests;

/// <summary>
/// Keys that stay where they are: a certificate object, a certificate in CurrentUser\My (.NET's store works on Linux), and PEM
/// text in a SecureString, each getting a token and making an API call against the emulator, for Bearer and DPoP apps.
/// </summary>
public sealed class CertificateKeyTests : IClassFixture<EmulatorFixture>
{
    private const string TokenRoute = "POST /oauth2/v1/token";
    private readonly EmulatorFixture _fixture;

    public CertificateKeyTests(EmulatorFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("", "Bearer", "RS256")]
    [InlineData("-RequireDpop", "DPoP", "RS256")]
    [InlineData("", "Bearer", "ES384")]
    public void CertificateObject_GetsAToken_AndConnectsForInvokeOktaApi(string dpop, string tokenType, string algorithm)
    {
        using var certificate = algorithm == "ES384"
            ? TestCertificates.Ec(System.Security.Cryptography.ECCurve.NamedCurves.nistP384)
            : TestCertificates.Rsa();
        using var host = new PowerShellHost(_fixture.Emulator);

        var result = host.Invoke($"""
            param($url, $certificate)
            $app = New-OktaJwks -Certificate $certificate | New-OktaServiceApp -Name cert-object {dpop} | Grant-OktaScope okta.users.read -PassThru
            Get-OktaAccessToken -ClientId $app.ClientId -Certificate $certificate -Scope okta.users.read
            Connect-Okta -OrgUrl $url -ClientId $app.ClientId -Certificate $certificate -Scope okta.users.read | Out-Null
            Invoke-OktaApi /api/v1/users
            """, ("url", _fixture.Emulator.OrgUrlString), ("certificate", certificate)).AssertNoErrors();

        Assert.Equal(tokenType, result.Objects<OktaAccessToken>().Single().TokenType);
        Assert.Equal(_fixture.Emulator.State.Users.Count, result.Output.Count - 1);
        Assert.Contains(_fixture.Emulator.State.Clients, c => c.Keys.Any(k => (string?)k["alg"] == algorithm));
    }

    [Theory]
    [InlineData("", "Bearer")]
    [InlineData("-RequireDpop", "DPoP")]
    public void ThumbprintInCurrentUserMy_GetsAToken_AndConnectsForInvokeOktaApi(string dpop, string tokenType)
    {
        using var certificate = TestCertificates.Rsa();
        using var stored = new StoredCertificate(certificate);
        using var host = new PowerShellHost(_fixture.Emulator);

        var result = host.Invoke($"""
            param($url, $thumbprint)
            $app = New-OktaJwks -CertificateThumbprint $thumbprint | New-OktaServiceApp -Name cert-store {dpop} | Grant-OktaScope okta.users.read -PassThru
            Get-OktaAccessToken -ClientId $app.ClientId -CertificateThumbprint $thumbprint -CertificateStoreLocation CurrentUser -Scope okta.users.read
            Connect-Okta -OrgUrl $url -ClientId $app.ClientId -CertificateThumbprint $thumbprint -Scope okta.users.read | Out-Null
            Invoke-OktaApi /api/v1/users
            """, ("url", _fixture.Emulator.OrgUrlString), ("thumbprint", certificate.Thumbprint)).AssertNoErrors();

        Assert.Equal(tokenType, result.Objects<OktaAccessToken>().Single().TokenType);
        Assert.Equal(_fixture.Emulator.State.Users.Count, result.Output.Count - 1);
    }

    [Theory]
    [InlineData("", "Bearer")]
    [InlineData("-RequireDpop", "DPoP")]
    public void PemInASecureString_GetsAToken_AndConnectsForInvokeOktaApi(string dpop, string tokenType)
    {
        using var host = new PowerShellHost(_fixture.Emulator);
        var file = Path.Combine(Path.GetTempPath(), $"okta-{Guid.NewGuid():N}.pem");
        try
        {
            var result = host.Invoke($"""
                param($url, $file)
                $jwks = New-OktaJwks | Export-OktaPrivateKey -Path $file -PassThru
                $secret = ConvertTo-SecureString (Get-Content -Raw $file) -AsPlainText -Force
                Remove-Item $file
                $app = $jwks | New-OktaServiceApp -Name secure-pem {dpop} | Grant-OktaScope okta.users.read -PassThru
                Get-OktaAccessToken -ClientId $app.ClientId -PrivateKey $secret -Scope okta.users.read
                Connect-Okta -OrgUrl $url -ClientId $app.ClientId -PrivateKey $secret -Scope okta.users.read | Out-Null
                Invoke-OktaApi /api/v1/users
                """, ("url", _fixture.Emulator.OrgUrlString), ("file", file)).AssertNoErrors();

            Assert.Equal(tokenType, result.Objects<OktaAccessToken>().Single().TokenType);
            Assert.Equal(_fixture.Emulator.State.Users.Count, result.Output.Count - 1);
            Assert.DoesNotContain(result.Verbose, line => line.Contains("PRIVATE KEY", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Rotation_FromAFileKeyToACertificate_HasNoFailedTokenRequest()
    {
        using var certificate = TestCertificates.Rsa();
        using var host = new PowerShellHost(_fixture.Emulator);
        var file = Path.Combine(Path.GetTempPath(), $"okta-{Guid.NewGuid():N}.pem");
        try
        {
            var start = DateTimeOffset.UtcNow;
            var result = host.Invoke("""
                param($file, $certificate)
                $app = New-OktaServiceApp -Name rotate-to-cert -PrivateKeyPath $file | Grant-OktaScope okta.users.read -PassThru
                Get-OktaAccessToken -ClientId $app.ClientId -PrivateKeyPath $file -Scope okta.users.read | Out-Null
                $rotated = Update-OktaServiceAppKey -ClientId $app.ClientId -Certificate $certificate -Scope okta.users.read -Confirm:$false
                Get-OktaAccessToken -ClientId $app.ClientId -Certificate $certificate -Scope okta.users.read -Force
                $rotated
                Get-OktaServiceAppKey -ClientId $app.ClientId
                """, ("file", file), ("certificate", certificate)).AssertNoErrors();

            var tokenRequests = _fixture.Emulator.Stats.RecentRequests
                .Where(r => r.At >= start && r.Route == TokenRoute).ToList();
            // The file key's token, the rotation's proof with the certificate, and the certificate's token after it.
            Assert.True(tokenRequests.Count >= 3, $"{tokenRequests.Count} token requests");
            Assert.DoesNotContain(tokenRequests, r => r.Status >= 400);
            Assert.Single(result.Objects<OktaAccessToken>());
            var rotated = result.Objects<OktaJwks>().Single();
            Assert.Equal(certificate.Thumbprint, rotated.CertificateThumbprint);
            Assert.False(rotated.CanExportPrivateKey);
            var keys = result.Objects<OktaServiceAppKey>().ToList();
            Assert.Equal("ACTIVE", keys.Single(k => k.KeyId == rotated.KeyId).Status);
            Assert.All(keys.Where(k => k.KeyId != rotated.KeyId), k => Assert.Equal("INACTIVE", k.Status));
            Assert.Equal(1, File.ReadAllLines(file).Count(line => line.StartsWith("-----BEGIN", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void NewOktaServiceApp_AndAddOktaServiceAppKey_TakeACertificateDirectly_APublicOnlyOneToo()
    {
        using var certificate = TestCertificates.Rsa();
        using var next = TestCertificates.Rsa();
        using var nextPublic = TestCertificates.PublicOnly(next);
        using var stored = new StoredCertificate(certificate);
        using var host = new PowerShellHost(_fixture.Emulator);

        var result = host.Invoke("""
            param($thumbprint, $nextPublic, $next)
            $app = New-OktaServiceApp -Name cert-direct -CertificateThumbprint $thumbprint | Grant-OktaScope okta.users.read -PassThru
            Get-OktaAccessToken -ClientId $app.ClientId -CertificateThumbprint $thumbprint -Scope okta.users.read
            Add-OktaServiceAppKey -ClientId $app.ClientId -Certificate $nextPublic -Inactive -Confirm:$false
            """, ("thumbprint", certificate.Thumbprint), ("nextPublic", nextPublic), ("next", next)).AssertNoErrors();

        Assert.Equal("Bearer", result.Objects<OktaAccessToken>().Single().TokenType);
        var added = result.Objects<OktaServiceAppKey>().Single();
        Assert.Equal("INACTIVE", added.Status);
        var nextJwks = host.Invoke("param($next) New-OktaJwks -Certificate $next", ("next", next)).AssertNoErrors().Objects<OktaJwks>().Single();
        Assert.Equal(nextJwks.KeyId, added.KeyId);
    }

    [Fact]
    public void ExportOfACertificateKey_IsOktaKeyNotExportable_AndWritesNothing()
    {
        using var certificate = TestCertificates.Rsa();
        using var host = new PowerShellHost(_fixture.Emulator);
        var file = Path.Combine(Path.GetTempPath(), $"okta-{Guid.NewGuid():N}.pem");

        var result = host.Invoke("param($certificate, $file) New-OktaJwks -Certificate $certificate | Export-OktaPrivateKey -Path $file",
            ("certificate", certificate), ("file", file));

        Assert.Equal("OktaKeyNotExportable,OktaServiceApp.PowerShell.Commands.ExportOktaPrivateKeyCommand",
            Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void NewOktaJwks_FromACertificate_IsItsPublicJwks_WithTheRfc7638Kid()
    {
        using var certificate = TestCertificates.Rsa();
        using var publicOnly = TestCertificates.PublicOnly(certificate);
        using var host = new PowerShellHost();

        var result = host.Invoke("param($c, $p) New-OktaJwks -Certificate $c; New-OktaJwks -Certificate $p",
            ("c", certificate), ("p", publicOnly)).AssertNoErrors();

        var (withKey, withoutKey) = (result.Objects<OktaJwks>().First(), result.Objects<OktaJwks>().Last());
        Assert.True(withKey.HasPrivateKey);
        Assert.False(withoutKey.HasPrivateKey);
        Assert.Equal(withKey.KeyId, withoutKey.KeyId);
        Assert.Equal(withKey.Thumbprint, withKey.KeyId);
        Assert.Equal("RS256", withKey.Algorithm);
        Assert.DoesNotContain("\"d\"", withKey.ToJson(), StringComparison.Ordinal);
        Assert.Contains(withKey.KeyId, withKey.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-CertificateThumbprint ('0' * 40)", "OktaCertificateNotFound")]
    [InlineData("-CertificateThumbprint 'xyz'", "OktaCertificateThumbprintInvalid")]
    [InlineData("-Certificate $publicOnly", "OktaCertificateNoPrivateKey")]
    [InlineData("-PrivateKey (ConvertTo-SecureString './svc.pem' -AsPlainText -Force)", "OktaUnknownFormat")]
    public void AKeyThatCannotSign_IsItsOwnError(string keyArgument, string errorId)
    {
        using var certificate = TestCertificates.Rsa();
        using var publicOnly = TestCertificates.PublicOnly(certificate);
        using var host = new PowerShellHost(_fixture.Emulator);

        var result = host.Invoke($"param($publicOnly) Get-OktaAccessToken -ClientId 0oaNone {keyArgument} -Scope okta.users.read",
            ("publicOnly", publicOnly));

        Assert.StartsWith(errorId + ",", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
