using System.Collections.Concurrent;
using System.Management.Automation;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// What one pipeline item produced on a worker thread, replayed in order on the pipeline thread, so that output keeps
/// input order even when items run concurrently.
/// </summary>
internal sealed class ItemResult
{
    private readonly ConcurrentQueue<object> _records = new();

    public void Output(object value) => _records.Enqueue(value);

    public void Error(ErrorRecord error) => _records.Enqueue(error);

    public void ReplayTo(Cmdlet cmdlet)
    {
        while (_records.TryDequeue(out var record))
        {
            if (record is ErrorRecord error)
            {
                cmdlet.WriteError(error);
            }
            else
            {
                cmdlet.WriteObject(record);
            }
        }
    }
}
