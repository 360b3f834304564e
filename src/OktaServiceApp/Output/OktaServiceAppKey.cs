using OktaServiceApp.Core.AppKeys;

namespace OktaServiceApp.PowerShell;

/// <summary>A public key registered for a service app's client authentication.</summary>
public sealed class OktaServiceAppKey
{
    internal OktaServiceAppKey(string clientId, AppKey key)
    {
        ClientId = clientId;
        Id = key.Id;
        KeyId = key.KeyId;
        Status = key.Status;
        Algorithm = key.Algorithm;
        KeyType = key.KeyType;
        Created = key.Created;
        LastUpdated = key.LastUpdated;
    }

    /// <summary>The app's client id.</summary>
    public string ClientId { get; }
    /// <summary>Okta's id for the key (pks...), used to enable, disable or remove it.</summary>
    public string Id { get; }
    /// <summary>The key's kid.</summary>
    public string? KeyId { get; }
    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; }
    /// <summary>The key's algorithm, when registered with one.</summary>
    public string? Algorithm { get; }
    /// <summary>RSA or EC.</summary>
    public string KeyType { get; }
    /// <summary>When the key was added.</summary>
    public DateTimeOffset? Created { get; }
    /// <summary>When the key last changed.</summary>
    public DateTimeOffset? LastUpdated { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ClientId} {KeyId} ({Status})";
}
