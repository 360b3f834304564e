using System.Management.Automation;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.PowerShell.Commands;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>The error record for one failed item of a grant reconciliation, the same for the three grant cmdlets.</summary>
internal static class GrantItemErrors
{
    /// <summary>A refused grant is OktaScopeInvalid; an app that is unknown or forbidden to the caller is named by its client id,
    /// anything else by "clientId scope". Null when the pipeline is stopping.</summary>
    public static ErrorRecord? For(GrantItemResult result, string clientId)
    {
        var error = result.Error ?? throw new ArgumentException("The item did not fail.", nameof(result));
        var target = $"{clientId} {result.Item.ScopeId}";
        if (error is OktaApiException { Kind: OktaErrorKind.BadRequest } refused && result.Item.Action == GrantAction.Grant)
        {
            return OktaErrors.FromApi(refused, target, OktaErrors.ScopeInvalid);
        }

        return OktaCmdlet.ToErrorRecord(error,
            error is OktaApiException { Kind: OktaErrorKind.Forbidden or OktaErrorKind.NotFound } ? clientId : target);
    }
}
