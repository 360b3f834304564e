using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>
/// A certificate in the My store of the current user or the machine, named by its SHA-1 thumbprint, as Connect-MgGraph
/// -CertificateThumbprint does. .NET's store also works on Linux and macOS for CurrentUser; LocalMachine\My is Windows only.
/// </summary>
public sealed class CertificateStoreKeySource : KeySource
{
    private const int ThumbprintLength = 40;

    public CertificateStoreKeySource(string thumbprint, StoreLocation location = StoreLocation.CurrentUser)
    {
        if (thumbprint is null)
        {
            throw new ArgumentNullException(nameof(thumbprint));
        }

        Thumbprint = Normalize(thumbprint);
        Location = location;
    }

    /// <summary>The thumbprint, upper-case hex without separators.</summary>
    public string Thumbprint { get; }

    public StoreLocation Location { get; }

    /// <inheritdoc />
    public override string Description => $"certificate {Thumbprint} in {Location}\\My";

    /// <inheritdoc />
    public override Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IJwsSigner>(OpenSigner(requirePrivateKey: true));

    /// <summary>Finds the certificate and opens its key; without <paramref name="requirePrivateKey"/> a store entry that has
    /// no key opens for its public JWK alone (New-OktaJwks).</summary>
    public CertificateSigner OpenSigner(bool requirePrivateKey)
    {
        if (Thumbprint.Length != ThumbprintLength || !Thumbprint.All(Uri.IsHexDigit))
        {
            throw new KeyException(KeyProblem.CertificateThumbprintInvalid,
                $"'{Describe(Thumbprint)}' is not a certificate thumbprint: give the {ThumbprintLength} hex digits that Cert:\\ and " +
                "the certificate's details show (spaces and colons are allowed).");
        }

        var certificate = Find();
        try
        {
            return CertificateSigner.Open(certificate, ownsCertificate: true, requirePrivateKey);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    private X509Certificate2 Find()
    {
        using var store = new X509Store(StoreName.My, Location);
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        }
        catch (CryptographicException e)
        {
            // A store that does not exist yet (no certificate was ever added for this user) holds nothing either; and on Linux
            // LocalMachine\My cannot be opened at all.
            throw NotFound(Location == StoreLocation.LocalMachine && !IsWindows
                ? " The LocalMachine\\My store exists on Windows only; use -CertificateStoreLocation CurrentUser here."
                : "", e);
        }

        var all = store.Certificates;
        var found = all.Find(X509FindType.FindByThumbprint, Thumbprint, validOnly: false);
        X509Certificate2? chosen = null;
        foreach (var candidate in found)
        {
            // Duplicates of one thumbprint are one certificate; the copy that carries the private key is the one that can sign.
            if (chosen is null || (!chosen.HasPrivateKey && candidate.HasPrivateKey))
            {
                chosen = candidate;
            }
        }

        // Each collection holds its own copies, which keep native handles: all but the chosen one are released now.
        foreach (var certificate in all.Cast<X509Certificate2>().Concat(found.Cast<X509Certificate2>()))
        {
            if (!ReferenceEquals(certificate, chosen))
            {
                certificate.Dispose();
            }
        }

        return chosen ?? throw NotFound("", null);
    }

    private KeyException NotFound(string more, Exception? inner) => new(KeyProblem.CertificateNotFound,
        $"No certificate with thumbprint {Thumbprint} is in the {Location}\\My store of this account." + more +
        " List them with Get-ChildItem Cert:\\" + Location + "\\My.", inner);

    private static bool IsWindows => Path.DirectorySeparatorChar == '\\';

    // Copying a thumbprint from the Windows certificate dialog brings an invisible left-to-right mark and spaces with it.
    private static string Normalize(string thumbprint) =>
        new string(thumbprint.Where(c => c is not (' ' or ':' or '\u200e' or '\u200f' or '\t')).ToArray()).ToUpperInvariant();

    // The value is not a secret, but it may be something pasted by mistake: only a short, printable one is echoed.
    private static string Describe(string value) =>
        value.Length <= 64 && value.All(c => c is >= ' ' and <= '~') ? value : "(the value given)";
}
