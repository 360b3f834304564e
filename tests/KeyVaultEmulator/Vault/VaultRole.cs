namespace KeyVaultEmulator.Vault;

/// <summary>The Azure RBAC role the managed identity holds on the vault (data plane).</summary>
public enum VaultRole
{
    /// <summary>No role: every key operation is 403 ForbiddenByRbac.</summary>
    None,

    /// <summary>"Key Vault Reader": the public key can be read (keys/read), not used to sign.</summary>
    Reader,

    /// <summary>"Key Vault Crypto User": keys/read and keys/sign/action.</summary>
    CryptoUser,
}
