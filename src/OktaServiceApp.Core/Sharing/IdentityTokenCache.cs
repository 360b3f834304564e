using System.Collections.Concurrent;

namespace OktaServiceApp.Core.Sharing;

/// <summary>
/// Managed identity tokens for Key Vault, keyed by identity endpoint, a hash of its header, and resource. Each cmdlet call
/// opens its key source again, so whoever holds this cache (the module's one <see cref="OktaRegistry"/>) decides which
/// credentials share a token instead of fetching one each time. Values are never shown; only <see cref="Count"/> is.
/// </summary>
public sealed class IdentityTokenCache
{
    private readonly ConcurrentDictionary<string, Entry> _tokens = new(StringComparer.Ordinal);

    /// <summary>How many tokens are held (never their values).</summary>
    public int Count => _tokens.Count;

    internal bool TryGet(string key, out string token, out DateTimeOffset expiresOn)
    {
        if (_tokens.TryGetValue(key, out var entry))
        {
            (token, expiresOn) = (entry.Token, entry.ExpiresOn);
            return true;
        }

        (token, expiresOn) = ("", DateTimeOffset.MinValue);
        return false;
    }

    internal void Set(string key, string token, DateTimeOffset expiresOn) => _tokens[key] = new Entry(token, expiresOn);

    private sealed class Entry
    {
        public Entry(string token, DateTimeOffset expiresOn)
        {
            Token = token;
            ExpiresOn = expiresOn;
        }

        public string Token { get; }
        public DateTimeOffset ExpiresOn { get; }
    }
}
