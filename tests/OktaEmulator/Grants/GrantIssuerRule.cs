namespace OktaEmulator.Grants;

/// <summary>
/// Which issuers a scope grant may name. Okta documents the org authorization server's issuer (the org URL, no trailing slash:
/// "https://host/" is another string), and a grant links to an authorizationServer, so grants by a custom authorization server
/// exist too. An org with API Access Management has one named "default" (issuer {org}/oauth2/default); this emulator accepts that
/// issuer as the one custom authorization server, and nothing else. Only grants by the org's issuer count at /oauth2/v1/token,
/// the org authorization server, which alone mints Okta-scope tokens (okta-api.md §4). Change it here, and only here.
/// </summary>
internal static class GrantIssuerRule
{
    public const string CustomAuthorizationServerId = "default";

    public static string CustomIssuer(string orgUrl) => orgUrl + "/oauth2/" + CustomAuthorizationServerId;

    public static bool Accepts(string orgUrl, string issuer) =>
        string.Equals(issuer, orgUrl, StringComparison.Ordinal) || string.Equals(issuer, CustomIssuer(orgUrl), StringComparison.Ordinal);

    /// <summary>True for a grant the org authorization server honours.</summary>
    public static bool IsOrgGrant(string orgUrl, string issuer) => string.Equals(issuer, orgUrl, StringComparison.Ordinal);
}
