using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Connections;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.Core.Sharing;
using OktaServiceApp.Core.Tests.Keys;
using Xunit;

namespace OktaServiceApp.Core.Tests.Connections;

public sealed class CertificateConnectionTests
{
    [Fact]
    public async Task ThumbprintFromTheEnvironment_OpensTheCertificateInCurrentUserMy()
    {
        using var certificate = TestCertificates.Rsa();
        using (var store = new X509Store(StoreName.My, StoreLocation.CurrentUser))
        {
            store.Open(OpenFlags.ReadWrite);
            store.Add(certificate);
        }

        try
        {
            var builder = new ConnectionBuilder(new OktaRegistry(), () => SettingsLoader.Load(new Dictionary<string, string?>
            {
                ["OKTA_CLIENT_ORGURL"] = "https://dev-1.okta.com",
                ["OKTA_CLIENT_CLIENTID"] = "0oaEnv",
                ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = certificate.Thumbprint.ToLowerInvariant(),
            }, null));

            var app = await builder.ResolveAppAsync(new ConnectionRequest(), connected: null, orgRequired: true, CancellationToken.None);

            var signer = Assert.IsType<CertificateSigner>(app.Signer);
            Assert.Equal(certificate.Thumbprint, signer.CertificateThumbprint);
            Assert.False(signer.CanExportPrivateKey);
        }
        finally
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            store.Remove(certificate);
        }
    }

    [Fact]
    public async Task AKeyParameter_BeatsTheCertificateInTheEnvironment()
    {
        using var key = SigningKey.Generate("RS256");
        var builder = new ConnectionBuilder(new OktaRegistry(), () => SettingsLoader.Load(new Dictionary<string, string?>
        {
            ["OKTA_CLIENT_ORGURL"] = "https://dev-1.okta.com",
            ["OKTA_CLIENT_CERTIFICATETHUMBPRINT"] = new string('A', 40),
        }, null));

        var app = await builder.ResolveAppAsync(new ConnectionRequest { ClientId = "0oa1", Key = new SignerKeySource(key) },
            connected: null, orgRequired: true, CancellationToken.None);

        Assert.Same(key, app.Signer);
    }
}
