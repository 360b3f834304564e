using System.Collections.Concurrent;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.Core.Sharing;

/// <summary>Access tokens and the per-key gates that let one caller fetch while the others wait for its answer.</summary>
public sealed class TokenCache
{
    private readonly ConcurrentDictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>How many tokens are held (never their values).</summary>
    public int Count => _tokens.Count;

    internal bool TryGet(string key, out AccessToken token) => _tokens.TryGetValue(key, out token!);

    internal void Set(string key, AccessToken token) => _tokens[key] = token;

    internal SemaphoreSlim Gate(string key) => _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
}
