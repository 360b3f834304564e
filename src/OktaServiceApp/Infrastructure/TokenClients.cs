using System.Collections.Concurrent;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Tokens;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>One token client per org, so repeated Get-OktaAccessToken calls reuse connections (the token cache is in Core).</summary>
internal static class TokenClients
{
    private static readonly ConcurrentDictionary<string, TokenClient> s_byOrg = new(StringComparer.OrdinalIgnoreCase);

    public static TokenClient For(Uri orgUrl, OktaClientOptions? template) =>
        s_byOrg.GetOrAdd(Core.Configuration.OrgUrl.ToIssuer(orgUrl), _ =>
        {
            var options = new OktaClientOptions(orgUrl);
            if (template is not null)
            {
                options.MaxRetries = template.MaxRetries;
                options.RequestTimeout = template.RequestTimeout;
                options.MaxApiCapacity = template.MaxApiCapacity;
            }

            return new TokenClient(options);
        });
}
