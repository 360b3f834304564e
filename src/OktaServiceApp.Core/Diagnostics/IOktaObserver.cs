namespace OktaServiceApp.Core.Diagnostics;

/// <summary>
/// Receives what the engine is doing, for -Verbose, -Debug and Write-Progress. May be called from any thread.
/// Messages never include a secret: no header values, no bodies of token requests.
/// </summary>
public interface IOktaObserver
{
    void Verbose(string message);
    void Debug(string message);
    /// <summary>The engine is about to wait (rate limit, back-off, pacing); <paramref name="reason"/> says why.</summary>
    void Waiting(TimeSpan delay, string reason);
}

/// <summary>The observer for the current logical call. Cmdlets set it around their work; the engine reads it.</summary>
public static class OktaObserver
{
    private static readonly AsyncLocal<IOktaObserver?> s_current = new();

    public static IOktaObserver? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public static void Verbose(string message) => s_current.Value?.Verbose(message);
    public static void Debug(string message) => s_current.Value?.Debug(message);
    public static void Waiting(TimeSpan delay, string reason) => s_current.Value?.Waiting(delay, reason);
}
