namespace OktaEmulator.Auth;

/// <summary>Who made an authenticated request: the SSWS admin user, or an OAuth client through its access token.</summary>
internal sealed record Caller(string Id, string Type)
{
    private const string ItemKey = "okta-emulator-caller";

    /// <summary>The admin user behind the API token (grants record it as createdBy).</summary>
    public static Caller ApiTokenAdmin { get; } = new("00u" + "emulatoradmin0000", "User");

    public static Caller Client(string clientId) => new(clientId, "Client");

    public static Caller Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var caller) && caller is Caller c ? c : ApiTokenAdmin;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
