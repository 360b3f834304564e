// Compiled at run time by Invoke-Bench.ps1 (Add-Type), so it runs on the same .NET as the module under test.
// Two jobs, both deliberately plain:
//   CreateApps  sets up service apps by Dynamic Client Registration, outside every timing.
//   GrantLoop   the floor of the bulk-grants suite: one HttpClient, one connection, one POST after another, SSWS header.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OktaServiceAppBench
{
    public sealed class RawResult
    {
        public int Ok { get; set; }
        public int Failed { get; set; }
        public double ElapsedMs { get; set; }
        public Dictionary<int, int> Statuses { get; } = new Dictionary<int, int>();
    }

    public static class RawHttp
    {
        private static HttpClient NewClient(string apiToken, int connections)
        {
            var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                UseCookies = false,
                AllowAutoRedirect = false,
            };
            var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SSWS", apiToken);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return http;
        }

        /// <summary>Registers <paramref name="count"/> service apps (client_credentials, private_key_jwt) sharing one public JWKS.</summary>
        public static string[] CreateApps(string orgUrl, string apiToken, string namePrefix, int count, string publicJwksJson)
        {
            var jwks = JsonDocument.Parse(publicJwksJson).RootElement.GetRawText();
            var ids = new string[count];
            using var http = NewClient(apiToken, 4);
            for (var i = 0; i < count; i++)
            {
                var body = "{\"client_name\":" + JsonSerializer.Serialize(namePrefix + "-" + i) +
                           ",\"response_types\":[\"token\"],\"grant_types\":[\"client_credentials\"]" +
                           ",\"token_endpoint_auth_method\":\"private_key_jwt\",\"application_type\":\"service\",\"jwks\":" + jwks + "}";
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = http.PostAsync(orgUrl + "/oauth2/v1/clients", content).GetAwaiter().GetResult();
                var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException("Creating bench app " + i + " failed: HTTP " + (int)response.StatusCode + " " + text);
                }

                using var doc = JsonDocument.Parse(text);
                ids[i] = doc.RootElement.GetProperty("client_id").GetString() ?? throw new InvalidOperationException("No client_id.");
            }

            return ids;
        }

        /// <summary>POSTs every scope to every app, sequentially over one connection; reads each body, parses none.</summary>
        public static RawResult GrantLoop(string orgUrl, string apiToken, string[] clientIds, string[] scopes)
        {
            var result = new RawResult();
            using var http = NewClient(apiToken, 1);
            var issuer = JsonSerializer.Serialize(orgUrl);
            var stopwatch = Stopwatch.StartNew();
            foreach (var clientId in clientIds)
            {
                var url = orgUrl + "/api/v1/apps/" + Uri.EscapeDataString(clientId) + "/grants";
                foreach (var scope in scopes)
                {
                    var body = "{\"scopeId\":" + JsonSerializer.Serialize(scope) + ",\"issuer\":" + issuer + "}";
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = http.PostAsync(url, content).GetAwaiter().GetResult();
                    response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                    var status = (int)response.StatusCode;
                    result.Statuses[status] = result.Statuses.TryGetValue(status, out var n) ? n + 1 : 1;
                    if (response.IsSuccessStatusCode)
                    {
                        result.Ok++;
                    }
                    else
                    {
                        result.Failed++;
                    }
                }
            }

            result.ElapsedMs = stopwatch.Elapsed.TotalMilliseconds;
            return result;
        }
    }
}
