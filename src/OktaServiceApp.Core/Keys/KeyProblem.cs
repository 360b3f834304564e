namespace OktaServiceApp.Core.Keys;

/// <summary>Why a key could not be made, read or used. Cmdlets map each value to a stable ErrorId.</summary>
public enum KeyProblem
{
    UnsupportedAlgorithm,
    KeySizeTooSmall,
    KeySizeNotAllowed,
    KeySizeWithEllipticCurve,
    InvalidKeyId,
    FileNotFound,
    PathIsDirectory,
    PublicKeyOnly,
    EncryptedKey,
    WrongPassword,
    MalformedPem,
    MissingPrivateMember,
    UnsupportedKeyType,
    UnsupportedCurve,
    UnknownFormat,
    NoPrivateKey,
    FileExists,
    KeyNotRegistered,
    UnsupportedCipher,
    CertificateNoPrivateKey,
    CertificateNotFound,
    CertificateThumbprintInvalid,
    KeyNotExportable,

    // Azure Key Vault keys (KeyVault/): each names the fix in its message.
    KeyVaultKeyIdInvalid,
    KeyVaultUnauthorized,
    KeyVaultForbidden,
    KeyVaultKeyNotFound,
    KeyVaultKeyUnusable,
    KeyVaultBadRequest,
    KeyVaultThrottled,
    KeyVaultUnavailable,
    ManagedIdentityUnavailable,
}
