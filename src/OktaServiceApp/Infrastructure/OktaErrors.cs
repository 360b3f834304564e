using System.Management.Automation;
using OktaServiceApp.Core.Access;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// Builds every ErrorRecord the module writes: the ErrorId (always one of <see cref="ErrorIds"/>), the category, Okta's
/// errorSummary in ErrorDetails, and the failing item as TargetObject. The engine's problem enums map to ids here, one
/// explicit case per value, so renaming an enum member can never rename an id.
/// </summary>
internal static class OktaErrors
{
    /// <summary>OAuth "error" values with an id of their own; the rest fall back to the HTTP kind's id.</summary>
    internal static readonly IReadOnlyDictionary<string, string> OAuthErrorIds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["invalid_client"] = ErrorIds.InvalidClient,
        ["invalid_scope"] = ErrorIds.InvalidScope,
        ["consent_required"] = ErrorIds.ConsentRequired,
        // A missing nonce and a bad proof are one problem to the caller: the DPoP exchange failed.
        ["invalid_dpop_proof"] = ErrorIds.InvalidDpopProof,
        ["use_dpop_nonce"] = ErrorIds.InvalidDpopProof,
        ["unauthorized_client"] = ErrorIds.UnauthorizedClient,
        ["insufficient_scope"] = ErrorIds.InsufficientScope,
        ["invalid_token"] = ErrorIds.InvalidToken,
    };

    /// <summary>The record for an engine exception about one item; null when the pipeline is stopping.</summary>
    public static ErrorRecord? FromException(Exception e, object? target) => e switch
    {
        OperationCanceledException => null,
        OktaApiException api => FromApi(api, target),
        KeyException key => FromKey(key, target),
        AccessException access => FromAccess(access, target),
        OktaConfigurationException config => FromConfiguration(config, target),
        _ => new ErrorRecord(e, ErrorIds.Unexpected, ErrorCategory.NotSpecified, target),
    };

    public static ErrorRecord FromApi(OktaApiException e, object? target, string? errorId = null)
    {
        var record = new ErrorRecord(e, errorId ?? IdFor(e), CategoryFor(e), target);
        var hint = HintFor(e);
        record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = hint };
        return record;
    }

    public static ErrorRecord FromKey(KeyException e, object? target) =>
        new(e, IdFor(e.Problem) ?? ErrorIds.Unexpected, e.Problem switch
        {
            KeyProblem.FileNotFound or KeyProblem.CertificateNotFound => ErrorCategory.ObjectNotFound,
            KeyProblem.KeyNotExportable => ErrorCategory.InvalidOperation,
            KeyProblem.FileExists => ErrorCategory.ResourceExists,
            KeyProblem.KeyVaultKeyNotFound => ErrorCategory.ObjectNotFound,
            KeyProblem.KeyVaultUnauthorized or KeyProblem.KeyVaultForbidden => ErrorCategory.PermissionDenied,
            KeyProblem.KeyVaultThrottled => ErrorCategory.LimitsExceeded,
            KeyProblem.KeyVaultUnavailable or KeyProblem.ManagedIdentityUnavailable => ErrorCategory.ConnectionError,
            KeyProblem.KeyVaultKeyUnusable => ErrorCategory.InvalidOperation,
            KeyProblem.PathIsDirectory or KeyProblem.PublicKeyOnly or KeyProblem.EncryptedKey or KeyProblem.UnsupportedCipher or KeyProblem.MalformedPem or
                KeyProblem.MissingPrivateMember or KeyProblem.UnknownFormat or KeyProblem.NoPrivateKey or
                KeyProblem.KeyNotRegistered or KeyProblem.CertificateNoPrivateKey => ErrorCategory.InvalidData,
            _ => ErrorCategory.InvalidArgument,
        }, target);

    public static ErrorRecord FromConfiguration(OktaConfigurationException e, object? target) =>
        new(e, IdFor(e.Problem) ?? ErrorIds.Unexpected,
            e.Problem == ConfigurationProblem.NotConnected ? ErrorCategory.ConnectionError : ErrorCategory.InvalidArgument, target);

    public static ErrorRecord FromAccess(AccessException e, object? target) =>
        new(e, IdFor(e.Problem) ?? ErrorIds.Unexpected, e.Problem switch
        {
            AccessProblem.CustomRoleNotFound or AccessProblem.ResourceSetNotFound or AccessProblem.GroupNotFound =>
                ErrorCategory.ObjectNotFound,
            AccessProblem.RoleUnknown or AccessProblem.CustomRoleIncomplete or AccessProblem.RoleTargetNotSupported or
                AccessProblem.AppTargetInvalid or AccessProblem.RateLimitPercentInvalid => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.NotSpecified,
        }, target);

    /// <summary>
    /// The record for one failed item of a grant reconciliation, the same for the three grant cmdlets. A refused grant is
    /// OktaScopeInvalid; an app that is unknown or forbidden to the caller is named by its client id, anything else by
    /// "clientId scope". Null when the pipeline is stopping.
    /// </summary>
    public static ErrorRecord? ForGrantItem(GrantItemResult result, string clientId)
    {
        var error = result.Error ?? throw new ArgumentException("The item did not fail.", nameof(result));
        var target = $"{clientId} {result.Item.ScopeId}";
        if (error is OktaApiException { Kind: OktaErrorKind.BadRequest } refused && result.Item.Action == GrantAction.Grant)
        {
            return FromApi(refused, target, ErrorIds.ScopeInvalid);
        }

        return FromException(error,
            error is OktaApiException { Kind: OktaErrorKind.Forbidden or OktaErrorKind.NotFound } ? clientId : target);
    }

    public static ErrorRecord Invalid(string errorId, string message, object? target,
        ErrorCategory category = ErrorCategory.InvalidArgument) =>
        new(new ArgumentException(message), errorId, category, target);

    /// <summary>A key file that could not be read or written for a reason other than a <see cref="KeyProblem"/> (I/O, access).</summary>
    public static ErrorRecord KeyFile(Exception e, string path, bool writing) =>
        writing
            ? new ErrorRecord(e, ErrorIds.KeyFileWriteFailed, ErrorCategory.WriteError, path)
            : new ErrorRecord(e, ErrorIds.KeyFileReadFailed, ErrorCategory.ReadError, path);

    internal static string? IdFor(KeyProblem problem) => problem switch
    {
        KeyProblem.UnsupportedAlgorithm => ErrorIds.UnsupportedAlgorithm,
        KeyProblem.KeySizeTooSmall => ErrorIds.KeySizeTooSmall,
        KeyProblem.KeySizeNotAllowed => ErrorIds.KeySizeNotAllowed,
        KeyProblem.KeySizeWithEllipticCurve => ErrorIds.KeySizeWithEllipticCurve,
        KeyProblem.InvalidKeyId => ErrorIds.InvalidKeyId,
        KeyProblem.FileNotFound => ErrorIds.FileNotFound,
        KeyProblem.PathIsDirectory => ErrorIds.PathIsDirectory,
        KeyProblem.PublicKeyOnly => ErrorIds.PublicKeyOnly,
        KeyProblem.EncryptedKey => ErrorIds.EncryptedKey,
        KeyProblem.WrongPassword => ErrorIds.WrongPassword,
        KeyProblem.MalformedPem => ErrorIds.MalformedPem,
        KeyProblem.MissingPrivateMember => ErrorIds.MissingPrivateMember,
        KeyProblem.UnsupportedKeyType => ErrorIds.UnsupportedKeyType,
        KeyProblem.UnsupportedCurve => ErrorIds.UnsupportedCurve,
        KeyProblem.UnknownFormat => ErrorIds.UnknownFormat,
        KeyProblem.NoPrivateKey => ErrorIds.NoPrivateKey,
        KeyProblem.FileExists => ErrorIds.FileExists,
        KeyProblem.KeyNotRegistered => ErrorIds.KeyNotRegistered,
        KeyProblem.UnsupportedCipher => ErrorIds.UnsupportedCipher,
        KeyProblem.CertificateNoPrivateKey => ErrorIds.CertificateNoPrivateKey,
        KeyProblem.CertificateNotFound => ErrorIds.CertificateNotFound,
        KeyProblem.CertificateThumbprintInvalid => ErrorIds.CertificateThumbprintInvalid,
        KeyProblem.KeyNotExportable => ErrorIds.KeyNotExportable,
        KeyProblem.KeyVaultKeyIdInvalid => ErrorIds.KeyVaultKeyIdInvalid,
        KeyProblem.KeyVaultUnauthorized => ErrorIds.KeyVaultUnauthorized,
        KeyProblem.KeyVaultForbidden => ErrorIds.KeyVaultForbidden,
        KeyProblem.KeyVaultKeyNotFound => ErrorIds.KeyVaultKeyNotFound,
        KeyProblem.KeyVaultKeyUnusable => ErrorIds.KeyVaultKeyUnusable,
        KeyProblem.KeyVaultBadRequest => ErrorIds.KeyVaultBadRequest,
        KeyProblem.KeyVaultThrottled => ErrorIds.KeyVaultThrottled,
        KeyProblem.KeyVaultUnavailable => ErrorIds.KeyVaultUnavailable,
        KeyProblem.ManagedIdentityUnavailable => ErrorIds.ManagedIdentityUnavailable,
        // A problem added to the engine without an id here: the registry test names it.
        _ => null,
    };

    internal static string? IdFor(ConfigurationProblem problem) => problem switch
    {
        ConfigurationProblem.OrgUrlMissing => ErrorIds.OrgUrlMissing,
        ConfigurationProblem.OrgUrlInvalid => ErrorIds.OrgUrlInvalid,
        ConfigurationProblem.OrgUrlInsecure => ErrorIds.OrgUrlInsecure,
        ConfigurationProblem.OrgUrlAdminHost => ErrorIds.OrgUrlAdminHost,
        ConfigurationProblem.OrgUrlHasPath => ErrorIds.OrgUrlHasPath,
        ConfigurationProblem.NotConnected => ErrorIds.NotConnected,
        ConfigurationProblem.ApiTokenMissing => ErrorIds.ApiTokenMissing,
        ConfigurationProblem.ClientIdMissing => ErrorIds.ClientIdMissing,
        ConfigurationProblem.PrivateKeyMissing => ErrorIds.PrivateKeyMissing,
        ConfigurationProblem.ScopesMissing => ErrorIds.ScopesMissing,
        ConfigurationProblem.AuthorizationModeInvalid => ErrorIds.AuthorizationModeInvalid,
        ConfigurationProblem.SettingInvalid => ErrorIds.SettingInvalid,
        ConfigurationProblem.ConfigFileInvalid => ErrorIds.ConfigFileInvalid,
        _ => null,
    };

    internal static string? IdFor(AccessProblem problem) => problem switch
    {
        AccessProblem.RoleUnknown => ErrorIds.RoleUnknown,
        AccessProblem.CustomRoleNotFound => ErrorIds.CustomRoleNotFound,
        AccessProblem.ResourceSetNotFound => ErrorIds.ResourceSetNotFound,
        AccessProblem.CustomRoleIncomplete => ErrorIds.CustomRoleIncomplete,
        AccessProblem.GroupNotFound => ErrorIds.GroupNotFound,
        AccessProblem.RoleTargetNotSupported => ErrorIds.RoleTargetNotSupported,
        AccessProblem.AppTargetInvalid => ErrorIds.AppTargetInvalid,
        AccessProblem.RateLimitPercentInvalid => ErrorIds.RateLimitPercentInvalid,
        _ => null,
    };

    internal static string IdFor(OktaErrorKind kind) => kind switch
    {
        OktaErrorKind.BadRequest => ErrorIds.BadRequest,
        OktaErrorKind.Unauthorized => ErrorIds.AuthenticationFailed,
        OktaErrorKind.Forbidden => ErrorIds.PermissionDenied,
        OktaErrorKind.NotFound => ErrorIds.ObjectNotFound,
        OktaErrorKind.Conflict => ErrorIds.Conflict,
        OktaErrorKind.RateLimited => ErrorIds.RateLimitExceeded,
        OktaErrorKind.ServerError => ErrorIds.ServerError,
        OktaErrorKind.MalformedResponse => ErrorIds.MalformedResponse,
        OktaErrorKind.Timeout => ErrorIds.OperationTimeout,
        OktaErrorKind.ConnectionFailed => ErrorIds.ConnectionFailed,
        _ => ErrorIds.ApiError,
    };

    private static string IdFor(OktaApiException e) =>
        e.OAuthError is { } oauth && OAuthErrorIds.TryGetValue(oauth, out var id) ? id : IdFor(e.Kind);

    private static ErrorCategory CategoryFor(OktaApiException e) => e.Kind switch
    {
        OktaErrorKind.BadRequest => ErrorCategory.InvalidArgument,
        OktaErrorKind.Unauthorized => ErrorCategory.AuthenticationError,
        OktaErrorKind.Forbidden => ErrorCategory.PermissionDenied,
        OktaErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        OktaErrorKind.Conflict => ErrorCategory.ResourceExists,
        OktaErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        OktaErrorKind.Timeout => ErrorCategory.OperationTimeout,
        OktaErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        OktaErrorKind.MalformedResponse => ErrorCategory.InvalidResult,
        _ => ErrorCategory.InvalidOperation,
    };

    private static string? HintFor(OktaApiException e)
    {
        if (ScopeHint.For(e) is { } scopeHint)
        {
            return scopeHint;
        }

        return e.OAuthError switch
        {
            "invalid_scope" or "consent_required" =>
                "Grant the requested scopes to the app with Grant-OktaScope, or ask only for scopes it has.",
            "invalid_client" => "Check the client id, and that the private key matches a key registered for the app (Get-OktaServiceApp shows its KeyIds).",
            "invalid_dpop_proof" => "The app requires DPoP. Get-OktaAccessToken handles DPoP itself; if this persists, check the machine clock.",
            "unauthorized_client" => "The app must be a service app with the client_credentials grant type.",
            _ => e.Kind switch
            {
                OktaErrorKind.Forbidden => "Only a Super Admin can grant Okta API scopes; check the API token's admin role or the app's granted scopes.",
                OktaErrorKind.Unauthorized => "Check the API token (Connect-Okta -ApiToken) or the OKTA_CLIENT_TOKEN environment variable.",
                OktaErrorKind.RateLimited => "Okta's rate limit was still exceeded after all retries; raise -MaxRetries or lower -MaxApiCapacity use by other tools.",
                _ => null,
            },
        };
    }
}
