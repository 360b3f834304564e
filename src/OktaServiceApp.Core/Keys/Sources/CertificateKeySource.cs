using System.Security.Cryptography.X509Certificates;

namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>
/// A certificate object the caller holds (Get-PfxCertificate, Get-AutomationCertificate, Get-Item Cert:\...). Its private
/// key signs in place and is never exported; the certificate stays the caller's, so it is not disposed here.
/// </summary>
public sealed class CertificateKeySource : KeySource
{
    private readonly X509Certificate2 _certificate;

    public CertificateKeySource(X509Certificate2 certificate)
    {
        _certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
    }

    /// <inheritdoc />
    public override string Description => $"certificate {_certificate.Subject} ({_certificate.Thumbprint})";

    /// <inheritdoc />
    public override Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IJwsSigner>(CertificateSigner.Open(_certificate, ownsCertificate: false));
}
