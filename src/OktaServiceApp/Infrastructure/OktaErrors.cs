using System.Management.Automation;
using OktaServiceApp.Core.Access;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// Builds ErrorRecords with stable ErrorIds, Okta's errorSummary in ErrorDetails, and the failing item as TargetObject.
/// The ErrorIds are part of the module's contract: scripts catch on them, so never rename one.
/// </summary>
internal static class OktaErrors
{
    public const string NotConnected = "OktaNotConnected";
    public const string ScopeInvalid = "OktaScopeInvalid";
    public const string ScopeMalformed = "OktaScopeMalformed";
    public const string TooManyScopes = "OktaTooManyScopes";
    public const string AppNameInvalid = "OktaAppNameInvalid";
    public const string LifetimeInvalid = "OktaLifetimeInvalid";
    public const string KeyNotRegistered = "OktaKeyNotRegistered";
    public const string NoPrivateKey = "OktaNoPrivateKey";
    public const string Unexpected = "OktaUnexpectedError";
    public const string OperationUnknown = "OktaOperationUnknown";
    public const string RoleUnknown = "OktaRoleUnknown";
    public const string CustomRoleNotFound = "OktaCustomRoleNotFound";
    public const string ResourceSetNotFound = "OktaResourceSetNotFound";
    public const string CustomRoleIncomplete = "OktaCustomRoleIncomplete";
    public const string GroupNotFound = "OktaGroupNotFound";
    public const string RoleTargetNotSupported = "OktaRoleTargetNotSupported";
    public const string AppTargetInvalid = "OktaAppTargetInvalid";
    public const string RateLimitPercentInvalid = "OktaRateLimitPercentInvalid";

    public static ErrorRecord FromApi(OktaApiException e, object? target, string? errorId = null)
    {
        var record = new ErrorRecord(e, errorId ?? IdFor(e), CategoryFor(e), target);
        var hint = HintFor(e);
        record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = hint };
        return record;
    }

    public static ErrorRecord FromKey(KeyException e, object? target) =>
        new(e, "Okta" + e.Problem, e.Problem switch
        {
            KeyProblem.FileNotFound => ErrorCategory.ObjectNotFound,
            KeyProblem.FileExists => ErrorCategory.ResourceExists,
            KeyProblem.PathIsDirectory or KeyProblem.PublicKeyOnly or KeyProblem.EncryptedKey or KeyProblem.MalformedPem or
                KeyProblem.MissingPrivateMember or KeyProblem.UnknownFormat or KeyProblem.NoPrivateKey or
                KeyProblem.KeyNotRegistered => ErrorCategory.InvalidData,
            _ => ErrorCategory.InvalidArgument,
        }, target);

    public static ErrorRecord FromConfiguration(OktaConfigurationException e, object? target) =>
        new(e, e.Problem == ConfigurationProblem.NotConnected ? NotConnected : "Okta" + e.Problem,
            e.Problem == ConfigurationProblem.NotConnected ? ErrorCategory.ConnectionError : ErrorCategory.InvalidArgument, target);

    public static ErrorRecord FromAccess(AccessException e, object? target)
    {
        var (id, category) = e.Problem switch
        {
            AccessProblem.RoleUnknown => (RoleUnknown, ErrorCategory.InvalidArgument),
            AccessProblem.CustomRoleNotFound => (CustomRoleNotFound, ErrorCategory.ObjectNotFound),
            AccessProblem.ResourceSetNotFound => (ResourceSetNotFound, ErrorCategory.ObjectNotFound),
            AccessProblem.CustomRoleIncomplete => (CustomRoleIncomplete, ErrorCategory.InvalidArgument),
            AccessProblem.GroupNotFound => (GroupNotFound, ErrorCategory.ObjectNotFound),
            AccessProblem.RoleTargetNotSupported => (RoleTargetNotSupported, ErrorCategory.InvalidArgument),
            AccessProblem.AppTargetInvalid => (AppTargetInvalid, ErrorCategory.InvalidArgument),
            AccessProblem.RateLimitPercentInvalid => (RateLimitPercentInvalid, ErrorCategory.InvalidArgument),
            _ => (Unexpected, ErrorCategory.NotSpecified),
        };
        return new ErrorRecord(e, id, category, target);
    }

    public static ErrorRecord Invalid(string errorId, string message, object? target,
        ErrorCategory category = ErrorCategory.InvalidArgument) =>
        new(new ArgumentException(message), errorId, category, target);

    public static ErrorRecord Timeout(Exception e, object? target) =>
        new(e, "OperationTimeout", ErrorCategory.OperationTimeout, target);

    private static string IdFor(OktaApiException e)
    {
        switch (e.OAuthError)
        {
            case "invalid_client": return "OktaInvalidClient";
            case "invalid_scope": return "OktaInvalidScope";
            case "consent_required": return "OktaConsentRequired";
            case "invalid_dpop_proof":
            case "use_dpop_nonce": return "OktaInvalidDpopProof";
            case "unauthorized_client": return "OktaUnauthorizedClient";
            case "insufficient_scope": return "OktaInsufficientScope";
            case "invalid_token": return "OktaInvalidToken";
        }

        return e.Kind switch
        {
            OktaErrorKind.Forbidden => "PermissionDenied",
            OktaErrorKind.NotFound => "ObjectNotFound",
            OktaErrorKind.Timeout => "OperationTimeout",
            OktaErrorKind.RateLimited => "OktaRateLimitExceeded",
            OktaErrorKind.ServerError => "OktaServerError",
            OktaErrorKind.MalformedResponse => "OktaMalformedResponse",
            OktaErrorKind.ConnectionFailed => "OktaConnectionFailed",
            OktaErrorKind.Unauthorized => "OktaAuthenticationFailed",
            OktaErrorKind.Conflict => "OktaConflict",
            OktaErrorKind.BadRequest => "OktaBadRequest",
            _ => "OktaApiError",
        };
    }

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
