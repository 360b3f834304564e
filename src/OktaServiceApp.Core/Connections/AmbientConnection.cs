using OktaServiceApp.Core.Configuration;

namespace OktaServiceApp.Core.Connections;

/// <summary>
/// The connection a runbook gets from OKTA_CLIENT_* and okta.yaml alone, rebuilt only when those settings change, so a
/// loop of cmdlets reuses one client (and its pacing) instead of making one per call.
/// </summary>
public sealed class AmbientConnection
{
    private readonly object _gate = new();
    private (string Fingerprint, OrgConnection Connection)? _current;

    public async Task<OrgConnection> GetAsync(ConnectionBuilder builder, CancellationToken cancellationToken)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        var settings = builder.LoadSettings();
        if (settings.OrgUrl is null)
        {
            throw ConnectionBuilder.NotConnected();
        }

        var fingerprint = settings.Fingerprint();
        lock (_gate)
        {
            if (_current is { } current && current.Fingerprint == fingerprint)
            {
                return current.Connection;
            }
        }

        var connection = await builder.BuildAsync(new ConnectionRequest(), settings, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _current = (fingerprint, connection);
        }

        return connection;
    }
}
