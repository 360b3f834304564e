using System.Text.Json.Serialization;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// The public members of a JWK, and nothing else: this is the only key shape that is ever serialised into a request body,
/// so private members cannot leak by construction.
/// </summary>
public sealed class PublicJwk
{
    [JsonPropertyName("kty")] public string Kty { get; set; } = "";
    [JsonPropertyName("kid")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Kid { get; set; }
    [JsonPropertyName("alg")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Alg { get; set; }
    [JsonPropertyName("use")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Use { get; set; }
    [JsonPropertyName("n")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? N { get; set; }
    [JsonPropertyName("e")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? E { get; set; }
    [JsonPropertyName("crv")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Crv { get; set; }
    [JsonPropertyName("x")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? X { get; set; }
    [JsonPropertyName("y")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Y { get; set; }

    /// <summary>This key's public members as the JWK a signer registers: with its kid and alg, and use=sig.</summary>
    public PublicJwk ForSigning(string kid, string alg) => new()
    {
        Kty = Kty,
        Kid = kid,
        Alg = alg,
        Use = "sig",
        N = N,
        E = E,
        Crv = Crv,
        X = X,
        Y = Y,
    };
}
