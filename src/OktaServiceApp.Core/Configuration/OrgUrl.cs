using System.Globalization;
using System.Text.RegularExpressions;

namespace OktaServiceApp.Core.Configuration;

/// <summary>Normalises what people type for an Okta org into https://host[:port] with no trailing slash.</summary>
public static class OrgUrl
{
    private const string Example = "https://dev-123456.okta.com";

    private static readonly Regex s_scheme = new(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://", RegexOptions.CultureInvariant);
    private static readonly Regex s_label = new(@"^[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant);

    /// <summary>Accepts "dev-1.okta.com", "https://dev-1.okta.com" and "https://dev-1.okta.com/". Refuses http:// except on
    /// loopback (127.0.0.1, localhost, [::1]), a path or query, an "-admin" host, and garbage, with OktaConfigurationException.</summary>
    public static Uri Parse(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw Problem(ConfigurationProblem.OrgUrlMissing,
                $"The Okta org URL is missing. Give the URL of your org, e.g. {Example} (or set OKTA_CLIENT_ORGURL).");
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw Invalid("it contains white space");
            }
        }

        if (text.IndexOf('{') >= 0 || text.IndexOf('}') >= 0)
        {
            throw Invalid("it still contains a placeholder such as {yourOktaDomain}");
        }

        var schemeMatch = s_scheme.Match(text);
        string scheme;
        if (schemeMatch.Success)
        {
            scheme = schemeMatch.Groups["scheme"].Value.ToLowerInvariant();
            if (scheme != "https" && scheme != "http")
            {
                throw Invalid($"'{scheme}://' is not supported, only https://");
            }
        }
        else
        {
            if (text.IndexOf("://", StringComparison.Ordinal) >= 0 || text.StartsWith("//", StringComparison.Ordinal))
            {
                throw Invalid("the scheme is not https://");
            }

            if (text.IndexOf(':') >= 0 && !LooksLikeHostAndPort(text))
            {
                throw Invalid("it is not a host name or an https:// URL");
            }

            scheme = "https";
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown ||
            uri.Host.Length == 0)
        {
            throw Invalid("it is not a valid URL");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw Invalid("it contains a user name or password before the host");
        }

        var host = uri.HostNameType == UriHostNameType.Dns
            ? uri.IdnHost.ToLowerInvariant().TrimEnd('.')
            : uri.Host.ToLowerInvariant();
        var loopback = IsLoopback(uri);
        if (uri.HostNameType == UriHostNameType.Dns)
        {
            ValidateDnsHost(host);
        }
        else if (!loopback && uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            throw Invalid("the host is not valid");
        }

        var authority = uri.IsDefaultPort
            ? host
            : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        if (scheme == "http" && !loopback)
        {
            throw Problem(ConfigurationProblem.OrgUrlInsecure,
                $"The Okta org URL http://{authority} is not secure: Okta orgs are only reached over https. Use https://{authority}.");
        }

        if ((uri.AbsolutePath.Length > 0 && uri.AbsolutePath != "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0 ||
            HasEmptyQueryOrFragment(text))
        {
            throw Problem(ConfigurationProblem.OrgUrlHasPath,
                $"The Okta org URL must be the org address only, without a path, query or fragment (e.g. /oauth2/default). Use {scheme}://{authority}.");
        }

        var firstLabel = host.Split('.')[0];
        if (firstLabel.EndsWith("-admin", StringComparison.OrdinalIgnoreCase) && firstLabel.Length > "-admin".Length)
        {
            var orgHost = firstLabel.Substring(0, firstLabel.Length - "-admin".Length) + host.Substring(firstLabel.Length);
            var orgAuthority = uri.IsDefaultPort ? orgHost : orgHost + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
            throw Problem(ConfigurationProblem.OrgUrlAdminHost,
                $"{host} is the Admin Console address. Use the org URL without '-admin': {scheme}://{orgAuthority}.");
        }

        return new Uri($"{scheme}://{authority}", UriKind.Absolute);
    }

    /// <summary>The org URL as Okta writes it in issuer claims: scheme://authority without a trailing slash.</summary>
    public static string ToIssuer(Uri orgUrl) => orgUrl.GetLeftPart(UriPartial.Authority);

    private static bool LooksLikeHostAndPort(string text)
    {
        // "dev-1.okta.com:8443" or "localhost:8080" (possibly followed by a path, rejected later).
        var colon = text.IndexOf(':');
        var rest = text.Substring(colon + 1);
        var end = rest.IndexOfAny(new[] { '/', '?', '#' });
        var port = end < 0 ? rest : rest.Substring(0, end);
        return port.Length > 0 && port.All(char.IsDigit);
    }

    private static bool HasEmptyQueryOrFragment(string text)
    {
        // "https://x.okta.com/?" or "https://x.okta.com#" parse to an empty Query/Fragment; they are still not the org URL.
        var afterScheme = text.IndexOf("://", StringComparison.Ordinal);
        var rest = afterScheme < 0 ? text : text.Substring(afterScheme + 3);
        return rest.IndexOf('?') >= 0 || rest.IndexOf('#') >= 0;
    }

    private static bool IsLoopback(Uri uri)
    {
        var host = uri.Host.Trim('[', ']').ToLowerInvariant();
        return host is "localhost" or "127.0.0.1" or "::1";
    }

    private static void ValidateDnsHost(string host)
    {
        if (host == "localhost")
        {
            return;
        }

        if (host.IndexOf('.') < 0)
        {
            throw Invalid("the host has no domain (an Okta org host looks like dev-123456.okta.com)");
        }

        var labels = host.TrimEnd('.').Split('.');
        foreach (var label in labels)
        {
            if (label.Length == 0 || label.Length > 63 || !s_label.IsMatch(label))
            {
                throw Invalid("the host is not a valid host name (letters, digits, '-' and '.' only)");
            }
        }

        if (labels.Length >= 2 && labels[labels.Length - 1] == labels[labels.Length - 2] &&
            labels[labels.Length - 1] is "com" or "net" or "org")
        {
            throw Invalid("the host repeats its domain ending (e.g. .com.com)");
        }
    }

    private static OktaConfigurationException Invalid(string why) =>
        Problem(ConfigurationProblem.OrgUrlInvalid,
            $"The Okta org URL is not valid: {why}. Give the URL of your org, e.g. {Example}.");

    private static OktaConfigurationException Problem(ConfigurationProblem problem, string message) => new(problem, message);
}
