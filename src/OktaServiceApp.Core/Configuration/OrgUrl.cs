namespace OktaServiceApp.Core.Configuration;

/// <summary>Normalises what people type for an Okta org into https://host[:port] with no trailing slash.</summary>
public static class OrgUrl
{
    /// <summary>Accepts "dev-1.okta.com", "https://dev-1.okta.com" and "https://dev-1.okta.com/". Refuses http:// except on
    /// loopback (127.0.0.1, localhost, [::1]), a path or query, an "-admin" host, and garbage, with OktaConfigurationException.</summary>
    public static Uri Parse(string? input) => throw new NotImplementedException();

    /// <summary>The org URL as Okta writes it in issuer claims: scheme://authority without a trailing slash.</summary>
    public static string ToIssuer(Uri orgUrl) => orgUrl.GetLeftPart(UriPartial.Authority);
}
