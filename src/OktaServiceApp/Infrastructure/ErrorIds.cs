namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// Every ErrorId the module can emit, and nowhere else: scripts catch on these strings, so they are the module's contract.
/// Never rename or drop one. tests/OktaServiceApp.Tests/ErrorIds.txt holds the same list and about_OktaServiceApp describes
/// each; a test compares all three.
/// </summary>
internal static class ErrorIds
{
    // Connection and configuration (ConfigurationProblem).
    public const string NotConnected = "OktaNotConnected";
    public const string OrgUrlMissing = "OktaOrgUrlMissing";
    public const string OrgUrlInvalid = "OktaOrgUrlInvalid";
    public const string OrgUrlInsecure = "OktaOrgUrlInsecure";
    public const string OrgUrlAdminHost = "OktaOrgUrlAdminHost";
    public const string OrgUrlHasPath = "OktaOrgUrlHasPath";
    public const string ApiTokenMissing = "OktaApiTokenMissing";
    public const string ClientIdMissing = "OktaClientIdMissing";
    public const string PrivateKeyMissing = "OktaPrivateKeyMissing";
    public const string ScopesMissing = "OktaScopesMissing";
    public const string AuthorizationModeInvalid = "OktaAuthorizationModeInvalid";
    public const string SettingInvalid = "OktaSettingInvalid";
    public const string ConfigFileInvalid = "OktaConfigFileInvalid";

    // Input checked before any request.
    public const string ScopeMalformed = "OktaScopeMalformed";
    public const string TooManyScopes = "OktaTooManyScopes";
    public const string AppNameInvalid = "OktaAppNameInvalid";
    public const string LifetimeInvalid = "OktaLifetimeInvalid";
    public const string OperationUnknown = "OktaOperationUnknown";
    public const string PathNotOnOrg = "OktaPathNotOnOrg";
    public const string BodyInvalid = "OktaBodyInvalid";

    // Roles, targets and rate-limit shares (AccessProblem).
    public const string RoleUnknown = "OktaRoleUnknown";
    public const string CustomRoleNotFound = "OktaCustomRoleNotFound";
    public const string ResourceSetNotFound = "OktaResourceSetNotFound";
    public const string CustomRoleIncomplete = "OktaCustomRoleIncomplete";
    public const string GroupNotFound = "OktaGroupNotFound";
    public const string RoleTargetNotSupported = "OktaRoleTargetNotSupported";
    public const string AppTargetInvalid = "OktaAppTargetInvalid";
    public const string RateLimitPercentInvalid = "OktaRateLimitPercentInvalid";

    // Keys and key files (KeyProblem, and file I/O around keys).
    public const string UnsupportedAlgorithm = "OktaUnsupportedAlgorithm";
    public const string KeySizeTooSmall = "OktaKeySizeTooSmall";
    public const string KeySizeNotAllowed = "OktaKeySizeNotAllowed";
    public const string KeySizeWithEllipticCurve = "OktaKeySizeWithEllipticCurve";
    public const string InvalidKeyId = "OktaInvalidKeyId";
    public const string FileNotFound = "OktaFileNotFound";
    public const string PathIsDirectory = "OktaPathIsDirectory";
    public const string PublicKeyOnly = "OktaPublicKeyOnly";
    public const string EncryptedKey = "OktaEncryptedKey";
    public const string WrongPassword = "OktaWrongPassword";
    public const string MalformedPem = "OktaMalformedPem";
    public const string MissingPrivateMember = "OktaMissingPrivateMember";
    public const string UnsupportedKeyType = "OktaUnsupportedKeyType";
    public const string UnsupportedCurve = "OktaUnsupportedCurve";
    public const string UnsupportedCipher = "OktaUnsupportedCipher";
    public const string UnknownFormat = "OktaUnknownFormat";
    public const string NoPrivateKey = "OktaNoPrivateKey";
    public const string FileExists = "OktaFileExists";
    public const string KeyNotRegistered = "OktaKeyNotRegistered";
    public const string CertificateNoPrivateKey = "OktaCertificateNoPrivateKey";
    public const string CertificateNotFound = "OktaCertificateNotFound";
    public const string CertificateThumbprintInvalid = "OktaCertificateThumbprintInvalid";
    public const string KeyNotExportable = "OktaKeyNotExportable";
    public const string KeyFileReadFailed = "OktaKeyFileReadFailed";
    public const string KeyFileWriteFailed = "OktaKeyFileWriteFailed";

    // Azure Key Vault keys and managed identity (KeyProblem.KeyVault*, ManagedIdentityUnavailable).
    public const string KeyVaultKeyIdInvalid = "OktaKeyVaultKeyIdInvalid";
    public const string KeyVaultUnauthorized = "OktaKeyVaultUnauthorized";
    public const string KeyVaultForbidden = "OktaKeyVaultForbidden";
    public const string KeyVaultKeyNotFound = "OktaKeyVaultKeyNotFound";
    public const string KeyVaultKeyUnusable = "OktaKeyVaultKeyUnusable";
    public const string KeyVaultBadRequest = "OktaKeyVaultBadRequest";
    public const string KeyVaultThrottled = "OktaKeyVaultThrottled";
    public const string KeyVaultUnavailable = "OktaKeyVaultUnavailable";
    public const string ManagedIdentityUnavailable = "OktaManagedIdentityUnavailable";

    // Okta API answers (OktaErrorKind). The three without the Okta prefix predate the prefix and stay as they are.
    public const string ScopeInvalid = "OktaScopeInvalid";
    public const string BadRequest = "OktaBadRequest";
    public const string AuthenticationFailed = "OktaAuthenticationFailed";
    public const string PermissionDenied = "PermissionDenied";
    public const string ObjectNotFound = "ObjectNotFound";
    public const string Conflict = "OktaConflict";
    public const string RateLimitExceeded = "OktaRateLimitExceeded";
    public const string ServerError = "OktaServerError";
    public const string MalformedResponse = "OktaMalformedResponse";
    public const string OperationTimeout = "OperationTimeout";
    public const string ConnectionFailed = "OktaConnectionFailed";
    public const string ApiError = "OktaApiError";

    // OAuth errors from the token endpoint or WWW-Authenticate.
    public const string InvalidClient = "OktaInvalidClient";
    public const string InvalidScope = "OktaInvalidScope";
    public const string ConsentRequired = "OktaConsentRequired";
    public const string InvalidDpopProof = "OktaInvalidDpopProof";
    public const string UnauthorizedClient = "OktaUnauthorizedClient";
    public const string InsufficientScope = "OktaInsufficientScope";
    public const string InvalidToken = "OktaInvalidToken";

    // Anything the module did not foresee.
    public const string Unexpected = "OktaUnexpectedError";
}
