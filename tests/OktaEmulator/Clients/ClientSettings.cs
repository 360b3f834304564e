using System.Text.Json.Nodes;
using OktaEmulator.Keys;

namespace OktaEmulator.Clients;

/// <summary>The OAuth settings of a client, whichever API (DCR or Apps) they came through.</summary>
internal sealed class ClientSettings
{
    public string ApplicationType { get; set; } = "web";
    public List<string> GrantTypes { get; set; } = ["authorization_code"];
    public List<string> ResponseTypes { get; set; } = [];
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
    public string TokenEndpointAuthMethod { get; set; } = "client_secret_basic";
    public string? JwksUri { get; set; }

    /// <summary>The raw "jwks" value when one was sent (checked by <see cref="ClientSettingsValidator"/>).</summary>
    public JsonNode? Jwks { get; set; }

    public bool DpopBound { get; set; }

    /// <summary>Filled by validation.</summary>
    public List<ParsedJwk> Keys { get; } = [];
}

/// <summary>Why settings were refused: the field to name and Okta's message.</summary>
internal sealed record ClientSettingsError(string Field, string Message)
{
    /// <summary>Key problems are reported by Okta as "Api validation failed: JsonWebKey".</summary>
    public bool IsKeyError => Field == "jwks";
}
