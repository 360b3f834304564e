using System.Text.Json;

namespace OktaServiceApp.Core.Keys;

// The key written out: the public JWK and JWKS anyone may see, and the private PKCS#8 PEM and JWK for saving the key.
public sealed partial class SigningKey
{
    /// <summary>kty, kid, alg, use=sig, and n/e or crv/x/y. Never a private member.</summary>
    public PublicJwk ToPublicJwk() => _publicJwk.ForSigning(KeyId, Algorithm);

    /// <summary>The public JWKS document {"keys":[...]}.</summary>
    public string ToPublicJwksJson() =>
        JsonSerializer.Serialize(new Dictionary<string, PublicJwk[]> { ["keys"] = new[] { ToPublicJwk() } });

    /// <summary>PKCS#8 "-----BEGIN PRIVATE KEY-----" PEM.</summary>
    public string ExportPkcs8Pem()
    {
        var material = ExportMaterial();
        try
        {
            var der = Pkcs8.WritePrivateKey(material);
            try
            {
                return Pem.Write("PRIVATE KEY", der);
            }
            finally
            {
                KeyMaterial.Wipe(der);
            }
        }
        finally
        {
            material.Clear();
        }
    }

    /// <summary>The private JWK JSON, with kid and alg.</summary>
    public string ExportPrivateJwk()
    {
        var material = ExportMaterial();
        try
        {
            return PrivateJwk.Write(material, KeyId, Algorithm);
        }
        finally
        {
            material.Clear();
        }
    }

    private KeyMaterial ExportMaterial()
    {
        lock (_gate)
        {
            ThrowIfCannotSign();
            if (_rsa is not null)
            {
                return KeyMaterial.ForRsa(_rsa.ExportParameters(true));
            }

            var parameters = _ecdsa!.ExportParameters(true);
            var curve = _curve!;
            parameters.D = BigEndian.PadTo(parameters.D!, curve.CoordinateSize);
            parameters.Q.X = BigEndian.PadTo(parameters.Q.X!, curve.CoordinateSize);
            parameters.Q.Y = BigEndian.PadTo(parameters.Q.Y!, curve.CoordinateSize);
            return KeyMaterial.ForEc(parameters, curve);
        }
    }
}
