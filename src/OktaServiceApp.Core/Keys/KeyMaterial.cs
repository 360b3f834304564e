using System.Security.Cryptography;

namespace OktaServiceApp.Core.Keys;

/// <summary>
/// Key parameters on their way from a file format to a live RSA/ECDsa object, or back. Exactly one of
/// <see cref="Rsa"/> and <see cref="Ec"/> is set. <see cref="Clear"/> wipes the private arrays once they are consumed.
/// </summary>
internal sealed class KeyMaterial
{
    private KeyMaterial(RSAParameters? rsa, ECParameters? ec, EcCurve? curve, string? algorithm, string? keyId)
    {
        Rsa = rsa;
        Ec = ec;
        Curve = curve;
        Algorithm = algorithm;
        KeyId = keyId;
    }

    public RSAParameters? Rsa { get; }
    public ECParameters? Ec { get; }
    public EcCurve? Curve { get; }

    /// <summary>The JWK's own "alg" and "kid" when the material came from a JWK.</summary>
    public string? Algorithm { get; }
    public string? KeyId { get; }

    public bool HasPrivateKey => Rsa is { } r ? r.D is not null : Ec!.Value.D is not null;

    public static KeyMaterial ForRsa(RSAParameters parameters, string? algorithm = null, string? keyId = null) =>
        new(parameters, null, null, algorithm, keyId);

    public static KeyMaterial ForEc(ECParameters parameters, EcCurve curve, string? algorithm = null, string? keyId = null) =>
        new(null, parameters, curve, algorithm, keyId);

    public void Clear()
    {
        if (Rsa is { } r)
        {
            Wipe(r.D);
            Wipe(r.P);
            Wipe(r.Q);
            Wipe(r.DP);
            Wipe(r.DQ);
            Wipe(r.InverseQ);
        }

        if (Ec is { } e)
        {
            Wipe(e.D);
        }
    }

    public static void Wipe(byte[]? data)
    {
        if (data is not null)
        {
            Array.Clear(data, 0, data.Length);
        }
    }
}
