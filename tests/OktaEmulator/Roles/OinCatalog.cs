namespace OktaEmulator.Roles;

/// <summary>The OIN catalog apps the emulated org knows, by app key name, for APP_ADMIN targets. oidc_client is the name every
/// OIDC/service app of the org has, so its instances can be targets too.</summary>
internal static class OinCatalog
{
    public static readonly IReadOnlyDictionary<string, (string DisplayName, string Category)> Apps =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["oidc_client"] = ("OpenID Connect Client", "CUSTOM"),
            ["facebook"] = ("Facebook (Toolbar or SAML)", "SOCIAL"),
            ["salesforce"] = ("Salesforce.com", "CRM"),
            ["office365"] = ("Microsoft Office 365", "COLLABORATION"),
            ["slack"] = ("Slack", "COLLABORATION"),
            ["zoomus"] = ("Zoom", "COLLABORATION"),
            ["box"] = ("Box", "CONTENT_MANAGEMENT"),
            ["workday"] = ("Workday", "HR"),
        };
}
