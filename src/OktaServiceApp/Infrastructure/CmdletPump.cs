using System.Collections.Concurrent;
using System.Management.Automation;
using OktaServiceApp.Core.Diagnostics;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// Carries engine messages from worker threads to the pipeline thread, the only thread allowed to call Write*.
/// The cmdlet pumps it while it waits for its tasks.
/// </summary>
internal sealed class CmdletPump : IOktaObserver
{
    private const int WaitActivityId = 0x0C7A;
    private readonly PSCmdlet _cmdlet;
    private readonly BlockingCollection<Action> _queue = new();
    private readonly bool _verbose;
    private readonly bool _debug;
    private bool _progressShown;

    public CmdletPump(PSCmdlet cmdlet, bool verbose, bool debug)
    {
        _cmdlet = cmdlet;
        _verbose = verbose;
        _debug = debug;
    }

    // Messages nobody will see are dropped here: each post wakes the pipeline thread, which bulk work feels.
    public void Verbose(string message)
    {
        if (_verbose)
        {
            Post(() => _cmdlet.WriteVerbose(message));
        }
    }

    public void Debug(string message)
    {
        if (_debug)
        {
            Post(() => _cmdlet.WriteDebug(message));
        }
    }

    public void Waiting(TimeSpan delay, string reason) => Post(() =>
    {
        var seconds = Math.Max(0, (int)Math.Ceiling(delay.TotalSeconds));
        _cmdlet.WriteVerbose($"Waiting {delay.TotalSeconds:0.0} s: {reason}.");
        _cmdlet.WriteProgress(new ProgressRecord(WaitActivityId, "Waiting for Okta", reason)
        {
            SecondsRemaining = seconds,
        });
        _progressShown = true;
    });

    /// <summary>Runs posted messages on the calling (pipeline) thread until <paramref name="task"/> completes.</summary>
    public void PumpUntil(Task task, CancellationToken cancellationToken)
    {
        task.ContinueWith(_ => Post(static () => { }), TaskScheduler.Default);
        try
        {
            while (!task.IsCompleted)
            {
                if (_queue.TryTake(out var action, Timeout.Infinite, cancellationToken))
                {
                    action();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        Drain();
    }

    /// <summary>Runs whatever is queued now, without waiting.</summary>
    public void Drain()
    {
        while (_queue.TryTake(out var action))
        {
            action();
        }

        if (_progressShown)
        {
            _progressShown = false;
            _cmdlet.WriteProgress(new ProgressRecord(WaitActivityId, "Waiting for Okta", "Done")
            {
                RecordType = ProgressRecordType.Completed,
            });
        }
    }

    public void Post(Action action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (InvalidOperationException)
        {
            // The cmdlet is gone; late messages from a cancelled request are dropped.
        }
    }
}
