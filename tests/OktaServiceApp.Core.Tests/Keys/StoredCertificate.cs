using System.Security.Cryptography.X509Certificates;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>Adds a certificate to CurrentUser\My for one test, and takes it out again.</summary>
internal sealed class StoredCertificate : IDisposable
{
    private readonly X509Certificate2 _certificate;

    public StoredCertificate(X509Certificate2 certificate)
    {
        _certificate = certificate;
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
    }

    public void Dispose()
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Remove(_certificate);
    }
}
