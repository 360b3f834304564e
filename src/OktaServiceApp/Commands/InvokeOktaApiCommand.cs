using System.Collections;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using OktaServiceApp.Core.Http;
using OktaServiceApp.PowerShell.Infrastructure;

namespace OktaServiceApp.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Calls any Okta API endpoint with the current connection.</para>
/// <para type="description">Invoke-OktaApi is the escape hatch for what the module has no cmdlet for, like Invoke-MgGraphRequest.
/// It sends the request with the connection's authentication (SSWS, Bearer, or DPoP with a fresh proof per request), the module's
/// rate-limit pacing and retries, and Okta's errors turned into PowerShell errors. JSON arrays are written one item at a time;
/// -All follows Link rel="next" through every page. GET and DELETE are retried on faults; other methods are not, since their
/// outcome would be unknown.</para>
/// </summary>
/// <example>
/// <code>Invoke-OktaApi /api/v1/users -Query @{ limit = 200 } -All | Select-Object id, status</code>
/// <para>Lists every user, page by page.</para>
/// </example>
/// <example>
/// <code>Connect-Okta -OrgUrl $env:OKTA_CLIENT_ORGURL -ClientId $env:OKTA_CLIENT_CLIENTID -PrivateKeyPath $env:OKTA_KEY_FILE -Scope okta.groups.manage
/// Invoke-OktaApi -Method POST /api/v1/groups -Body @{ profile = @{ name = 'ci-readers' } } -Confirm:$false</code>
/// <para>In a runbook: creates a group as a service app.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Invoke, "OktaApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject))]
public sealed class InvokeOktaApiCommand : ConnectedCmdlet
{
    /// <summary>
    /// <para type="description">The path, such as /api/v1/users, optionally with a query string.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// <para type="description">GET (default), POST, PUT, PATCH or DELETE.</para>
    /// </summary>
    [Parameter]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE")]
    public string Method { get; set; } = "GET";

    /// <summary>
    /// <para type="description">The JSON body: a hashtable or object (sent as JSON), or a JSON string.</para>
    /// </summary>
    [Parameter]
    public object? Body { get; set; }

    /// <summary>
    /// <para type="description">Query parameters, added to the path.</para>
    /// </summary>
    [Parameter]
    public IDictionary? Query { get; set; }

    /// <summary>
    /// <para type="description">Follows Link rel="next" and writes the items of every page.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var connection = ResolveConnection(Connection);
        if (Uri.TryCreate(Path, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(absolute.GetLeftPart(UriPartial.Authority), connection.OrgUrl, StringComparison.OrdinalIgnoreCase))
        {
            // The connection's credentials must never be sent to another host.
            WriteError(OktaErrors.Invalid(ErrorIds.PathNotOnOrg,
                $"'{absolute.GetLeftPart(UriPartial.Path)}' is not on {connection.OrgUrl}. Give a path such as /api/v1/users, or a URL on the connected org.",
                Path));
            return;
        }

        var path = WithQuery(Path.StartsWith("/", StringComparison.Ordinal) || absolute is not null ? Path : "/" + Path, Query);
        var method = new HttpMethod(Method.ToUpperInvariant());
        var changes = method != HttpMethod.Get;
        if (changes && !ShouldProcess($"{connection.OrgUrl}{path}", $"{method}"))
        {
            return;
        }

        object? body;
        try
        {
            body = Body switch
            {
                null => null,
                string json => JsonDocument.Parse(json).RootElement.Clone(),
                PSObject { BaseObject: string json } => JsonDocument.Parse(json).RootElement.Clone(),
                _ => JsonToPowerShell.ToPlain(Body),
            };
        }
        catch (JsonException e)
        {
            WriteError(OktaErrors.Invalid(ErrorIds.BodyInvalid, $"-Body is not valid JSON: {e.Message}", Path));
            return;
        }

        try
        {
            if (All && method == HttpMethod.Get)
            {
                // Each page is written as it arrives, on the pipeline thread, so memory stays flat over long lists.
                Run(ct => connection.Client.GetPagesAsync(path, page =>
                {
                    Pump.Post(() => WriteItems(page));
                    return Task.CompletedTask;
                }, ct));
                return;
            }

            var response = Run(ct => connection.Client.SendAsync(new OktaRequest(method, path)
            {
                JsonBody = body,
                RetryFaults = method == HttpMethod.Get || method == HttpMethod.Delete,
            }, ct));
            if (!string.IsNullOrWhiteSpace(response.Body))
            {
                var json = response.ReadJson();
                WriteItems(json.ValueKind == JsonValueKind.Array ? json.EnumerateArray().ToList() : new List<JsonElement> { json });
            }
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteItemError(e, Path);
        }
    }

    private void WriteItems(IEnumerable<JsonElement> items)
    {
        foreach (var item in items)
        {
            WriteObject(JsonToPowerShell.ToPowerShell(item));
        }
    }

    private static string WithQuery(string path, IDictionary? query)
    {
        if (query is null || query.Count == 0)
        {
            return path;
        }

        var builder = new StringBuilder(path);
        var separator = path.Contains('?') ? '&' : '?';
        foreach (DictionaryEntry entry in query)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(entry.Key.ToString() ?? ""))
                .Append('=').Append(Uri.EscapeDataString(Convert.ToString(entry.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            separator = '&';
        }

        return builder.ToString();
    }
}
