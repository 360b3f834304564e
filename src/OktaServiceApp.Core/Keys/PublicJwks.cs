using System.Text.Json;

namespace OktaServiceApp.Core.Keys;

/// <summary>The public JWKS document of any signer, in-memory or not: what New-OktaJwks shows and Okta registers.</summary>
public static class PublicJwks
{
    /// <summary>{"keys":[...]} with the signer's public JWK only.</summary>
    public static string ToJson(IJwsSigner signer)
    {
        if (signer is null)
        {
            throw new ArgumentNullException(nameof(signer));
        }

        return JsonSerializer.Serialize(new Dictionary<string, PublicJwk[]> { ["keys"] = new[] { signer.ToPublicJwk() } });
    }
}
