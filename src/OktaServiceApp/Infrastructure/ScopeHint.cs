using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Scopes;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// What to grant when a call lacked a scope: the scope Okta's challenge named, else the scopes Okta's spec declares for the call
/// (Okta sometimes answers insufficient_scope with no scope in the header, and never names all of a call's scopes).
/// </summary>
internal static class ScopeHint
{
    public static string? For(OktaApiException e)
    {
        if (e.RequiredScope is null && e.OAuthError != "insufficient_scope")
        {
            return null;
        }

        var operation = e.Method is not null && e.Path is not null ? RequiredScopes.Find(e.Method, e.Path) : null;
        var scopes = new List<string>();
        if (e.RequiredScope is not null)
        {
            scopes.Add(e.RequiredScope);
        }

        scopes.AddRange(operation?.Scopes.Where(s => !scopes.Contains(s)) ?? Enumerable.Empty<string>());
        if (scopes.Count == 0)
        {
            return "The access token lacks a scope this call needs; Get-OktaRequiredScope -Path <path> -Method <method> names it.";
        }

        var call = operation is null ? "This call" : $"{operation.Method} {operation.PathTemplate}";
        var list = string.Join("', '", scopes);
        return $"{call} needs the scope '{list}'. Grant it with Grant-OktaScope -Scope '{list}', then connect again asking for it.";
    }
}
