using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Diagnostics;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;
using OktaServiceApp.Core.Keys.KeyVault;
using OktaServiceApp.Core.Keys.Sources;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// Shared plumbing: cancellation on Ctrl+C, running engine tasks while pumping their messages onto the pipeline thread,
/// ordered concurrent items, and error reporting.
/// </summary>
public abstract class OktaCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Queue<(Task Task, ItemResult Result)> _pending = new();
    private CmdletPump? _pump;

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken Cancellation => _cancellation.Token;

    /// <summary>How many items may run at once (the engine bounds requests in flight separately).</summary>
    protected virtual int MaxPendingItems => 1;

    private protected CmdletPump Pump => _pump ??=
        new CmdletPump(this, IsStreamOn("Verbose", "VerbosePreference"), IsStreamOn("Debug", "DebugPreference"));

    /// <inheritdoc />
    protected override void StopProcessing() => _cancellation.Cancel();

    /// <inheritdoc />
    protected override void EndProcessing() => FlushItems(all: true);

    /// <summary>Runs engine work to completion on a worker thread, writing its verbose and progress messages as they come.</summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = Start(work);
        Pump.PumpUntil(task, Cancellation);
        return Unwrap(task);
    }

    /// <summary>Runs engine work that returns nothing.</summary>
    protected void Run(Func<CancellationToken, Task> work) => Run(async ct =>
    {
        await work(ct).ConfigureAwait(false);
        return true;
    });

    /// <summary>
    /// Starts one pipeline item's work now and writes its output later, in input order. Up to <see cref="MaxPendingItems"/>
    /// items run at once. Errors caught by the work go to <see cref="ItemResult.Error"/> and the rest of the pipeline goes on.
    /// </summary>
    private protected void QueueItem(Func<ItemResult, CancellationToken, Task> work)
    {
        var result = new ItemResult();
        var task = Start(async ct =>
        {
            await work(result, ct).ConfigureAwait(false);
            return true;
        });
        _pending.Enqueue((task, result));
        FlushItems(all: false);
    }

    /// <summary>Writes finished items; waits while too many are pending, or for all of them.</summary>
    protected void FlushItems(bool all)
    {
        while (_pending.Count > 0)
        {
            var (task, result) = _pending.Peek();
            var mustWait = all || _pending.Count >= MaxPendingItems;
            if (!task.IsCompleted && !mustWait)
            {
                Pump.Drain();
                return;
            }

            Pump.PumpUntil(task, Cancellation);
            _pending.Dequeue();
            result.ReplayTo(this);
            Unwrap(task);
        }
    }

    /// <summary>The -Connection given, the one from Connect-Okta, or one from OKTA_CLIENT_* / okta.yaml; else OktaNotConnected.</summary>
    protected OktaConnection ResolveConnection(OktaConnection? explicitConnection)
    {
        if (explicitConnection is not null)
        {
            return explicitConnection;
        }

        if (OktaSession.Current is { } current)
        {
            return current;
        }

        try
        {
            // The slot is this runspace's, so it is taken here rather than on the worker thread that builds.
            var slot = OktaSession.Ambient;
            var ambient = new OktaConnection(Run(ct => slot.GetAsync(Engine.Connections, ct)));
            WriteVerbose($"Using {ambient.OrgUrl} ({ambient.AuthMode}) from {ambient.Source}.");
            return ambient;
        }
        catch (Exception e) when (e is OktaConfigurationException or KeyException)
        {
            ThrowFor(e, null);
            throw; // unreachable: ThrowFor always throws
        }
    }

    /// <summary>The key the caller named: a key object, or a file given as a PowerShell path.</summary>
    private protected KeySource? KeySourceOf(OktaJwks? jwks, string? privateKeyPath) =>
        jwks is not null ? new SignerKeySource(jwks.Signer)
        : privateKeyPath is not null ? new FileKeySource(GetUnresolvedProviderPathFromPSPath(privateKeyPath))
        : null;

    /// <summary>A key that stays where it is: a certificate object, a certificate in the My store, PEM/JWK text in a SecureString,
    /// or a Key Vault key (with its passed token, else the managed identity).</summary>
    private protected static KeySource? StoredKeySourceOf(X509Certificate2? certificate, string? certificateThumbprint,
        StoreLocation certificateStoreLocation, SecureString? privateKey, string? keyVaultKeyId, SecureString? keyVaultAccessToken) =>
        certificate is not null ? new CertificateKeySource(certificate)
        : certificateThumbprint is not null ? new CertificateStoreKeySource(certificateThumbprint, certificateStoreLocation)
        : privateKey is not null ? new SecureTextKeySource(privateKey)
        : keyVaultKeyId is not null ? KeyVaultKeys.Source(keyVaultKeyId, keyVaultAccessToken)
        : null;

    /// <summary>
    /// A certificate's key as an OktaJwks, for cmdlets that register or rotate to it; null when neither is given. Throws
    /// <see cref="KeyException"/>. Without <paramref name="requirePrivateKey"/> a certificate without its key gives the public JWK.
    /// </summary>
    private protected static OktaJwks? CertificateJwksOf(X509Certificate2? certificate, string? certificateThumbprint,
        StoreLocation certificateStoreLocation, bool requirePrivateKey)
    {
        if (certificate is not null)
        {
            return new OktaJwks(CertificateSigner.Open(certificate, ownsCertificate: false, requirePrivateKey));
        }

        return certificateThumbprint is null
            ? null
            : new OktaJwks(new CertificateStoreKeySource(certificateThumbprint, certificateStoreLocation).OpenSigner(requirePrivateKey));
    }

    /// <summary>A Key Vault key as an OktaJwks, opened with one read of the vault; the object signs through the vault. Throws
    /// <see cref="KeyException"/>.</summary>
    private protected OktaJwks OpenKeyVaultJwks(string keyVaultKeyId, SecureString? accessToken)
    {
        var source = KeyVaultKeys.Source(keyVaultKeyId, accessToken);
        return new OktaJwks((KeyVaultSigner)Run(ct => source.OpenAsync(ct)));
    }

    /// <summary><see cref="OpenKeyVaultJwks"/> for cmdlets that register the key: null with the error written.</summary>
    private protected OktaJwks? KeyVaultJwksOf(string keyVaultKeyId, SecureString? accessToken)
    {
        try
        {
            return OpenKeyVaultJwks(keyVaultKeyId, accessToken);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, keyVaultKeyId);
            return null;
        }
    }

    /// <summary><see cref="CertificateJwksOf"/> with its error written, the certificate as target: false when it failed.</summary>
    private protected bool TryCertificateJwks(X509Certificate2? certificate, string? certificateThumbprint,
        StoreLocation certificateStoreLocation, bool requirePrivateKey, out OktaJwks? jwks)
    {
        try
        {
            jwks = CertificateJwksOf(certificate, certificateThumbprint, certificateStoreLocation, requirePrivateKey);
            return true;
        }
        catch (KeyException e)
        {
            WriteError(OktaErrors.FromKey(e, (object?)certificateThumbprint ?? certificate?.Thumbprint));
            jwks = null;
            return false;
        }
    }

    /// <summary>False, with the error written, when the key cannot be written to a file (a certificate's or a vault key):
    /// asked before anything changes in Okta.</summary>
    private protected bool CheckExportable(OktaJwks jwks)
    {
        try
        {
            KeyExport.Exportable(jwks.Signer);
            return true;
        }
        catch (KeyException e)
        {
            WriteError(OktaErrors.FromKey(e, jwks));
            return false;
        }
    }

    /// <summary>Queues the error for one failed item of a concurrent pipeline, unless the user stopped it.</summary>
    private protected static void ReportTo(ItemResult result, Exception e, object? target)
    {
        if (OktaErrors.FromException(e, target) is { } record)
        {
            result.Error(record);
        }
    }

    /// <summary>Writes the error for one failed item, unless the user stopped the pipeline.</summary>
    protected void WriteItemError(Exception e, object? target)
    {
        if (OktaErrors.FromException(e, target) is { } record)
        {
            WriteError(record);
        }
    }

    /// <summary>Stops the command with the error for an exception.</summary>
    protected void ThrowFor(Exception e, object? target)
    {
        if (OktaErrors.FromException(e, target) is { } record)
        {
            ThrowTerminatingError(record);
        }

        throw new PipelineStoppedException();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    // -Verbose/-Debug on this command, else the caller's preference variable.
    private bool IsStreamOn(string parameter, string preference)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
        {
            return bound is SwitchParameter sw ? sw.IsPresent : LanguagePrimitives.IsTrue(bound);
        }

        return GetVariableValue(preference) is not ActionPreference value ||
               (value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore);
    }

    private Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
    {
        // The observer is an AsyncLocal: set it so that the task (and everything it awaits) reports to this cmdlet.
        var previous = OktaObserver.Current;
        OktaObserver.Current = Pump;
        try
        {
            var token = Cancellation;
            return Task.Run(() => work(token), token);
        }
        finally
        {
            OktaObserver.Current = previous;
        }
    }

    private T Unwrap<T>(Task<T> task)
    {
        Unwrap((Task)task);
        return task.Result;
    }

    // Turns a finished task into its exception, or into a pipeline stop when the user pressed Ctrl+C.
    private void Unwrap(Task task)
    {
        if (task.IsCanceled && Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
