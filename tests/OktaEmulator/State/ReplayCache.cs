namespace OktaEmulator.State;

/// <summary>
/// Remembers every jti seen (client assertions and DPoP proofs), so a second presentation is refused even when
/// the first request failed. Callers hold the store lock.
/// </summary>
internal sealed class ReplayCache
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public int Consumed => _seen.Count;
    public int Replays { get; private set; }

    /// <summary>Marks the jti used; false (and a replay counted) when it was already used.</summary>
    public bool TryConsume(string scope, string jti)
    {
        if (_seen.Add(scope + "\n" + jti))
        {
            return true;
        }

        Replays++;
        return false;
    }

    public void Clear()
    {
        _seen.Clear();
        Replays = 0;
    }
}
