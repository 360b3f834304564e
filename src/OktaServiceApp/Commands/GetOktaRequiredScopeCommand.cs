using System.Management.Automation;
using OktaServiceApp.Core.Scopes;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Tells which OAuth scopes an Okta API call needs.</para>
/// <para type="description">Get-OktaRequiredScope looks the call up in a table built from Okta's own OpenAPI specs (management and
/// OAuth) when the module was built, so it knows every operation Okta documents and no scope list is kept by hand. The path may be
/// concrete (/api/v1/users/00u1), carry a query string, or be a full URL. okta.X.manage also covers okta.X.read. It needs no
/// connection and sends nothing.</para>
/// </summary>
/// <example>
/// <code>Get-OktaRequiredScope -Path /api/v1/users/00u1 -Method GET</code>
/// <para>Answers okta.users.read.</para>
/// </example>
/// <example>
/// <code>$scopes = '/api/v1/users', '/api/v1/groups', '/api/v1/logs' | Get-OktaRequiredScope | ForEach-Object Scope | Sort-Object -Unique
/// Grant-OktaScope -ClientId $env:OKTA_APP_ID -Scope $scopes -Confirm:$false</code>
/// <para>In a setup script: grants a reporting app exactly what its GET calls need.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OktaRequiredScope")]
[OutputType(typeof(OktaRequiredScope))]
public sealed class GetOktaRequiredScopeCommand : PSCmdlet
{
    /// <summary>
    /// <para type="description">The call's path, such as /api/v1/users/00u1, or its full URL.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Uri", "Url")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// <para type="description">The HTTP method; GET when absent.</para>
    /// </summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var operation = RequiredScopes.Find(Method, Path);
        if (operation is null)
        {
            WriteError(OktaErrors.Invalid(ErrorIds.OperationUnknown,
                $"Okta's API has no operation {Method.ToUpperInvariant()} {Path}. Check the path and the method.", Path, ErrorCategory.ObjectNotFound));
            return;
        }

        WriteObject(new OktaRequiredScope(Path, operation));
    }
}
