using System.Net;
using System.Runtime.InteropServices;

namespace OktaServiceApp.Core.Http;

/// <summary>
/// What HttpClientHandler needs on .NET Framework (and Mono), where it runs on HttpWebRequest and ServicePointManager:
/// a Framework process allows 2 connections per host unless told otherwise, so MaxConcurrency requests would queue two at a
/// time, and Windows PowerShell 5.1 on an older Windows may not offer TLS 1.2, which Okta requires.
/// .NET (Core) ignores ServicePointManager for HttpClient, so nothing here runs there.
/// </summary>
internal static class ServicePointDefaults
{
    internal static readonly bool UsesServicePoints =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase) ||
        Type.GetType("Mono.Runtime") is not null;

    public static void Apply(Uri orgUrl, int concurrency)
    {
        if (!UsesServicePoints)
        {
            return;
        }

        // Only this org's service point, and only ever raised: other modules in the session keep their own limits.
        var servicePoint = ServicePointManager.FindServicePoint(orgUrl);
        if (servicePoint.ConnectionLimit < concurrency)
        {
            servicePoint.ConnectionLimit = concurrency;
        }

        // SystemDefault (0) lets the OS choose, which includes TLS 1.2 and later: leave it. A legacy explicit set (powershell.exe
        // has no targetFramework in its config, so it gets Ssl3 | Tls) gains TLS 1.2; nothing is ever taken away.
        var protocols = ServicePointManager.SecurityProtocol;
        if (protocols != 0 && (protocols & SecurityProtocolType.Tls12) == 0)
        {
            ServicePointManager.SecurityProtocol = protocols | SecurityProtocolType.Tls12;
        }
    }
}
