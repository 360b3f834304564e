using System.Text;
using OktaServiceApp.Core.Keys;

namespace OktaServiceApp.Core.Jwt;

/// <summary>JWS compact serialisation over any <see cref="IJwsSigner"/>, so a remote or store-bound key signs like a local one.</summary>
public static class CompactJws
{
    /// <summary>base64url(header).base64url(payload).base64url(signature); header and payload are JSON already serialised.</summary>
    public static async Task<string> SignAsync(IJwsSigner signer, string headerJson, string payloadJson,
        CancellationToken cancellationToken)
    {
        if (signer is null)
        {
            throw new ArgumentNullException(nameof(signer));
        }

        var signingInput = SigningInput(headerJson, payloadJson);
        var signature = await signer.SignAsync(Encoding.ASCII.GetBytes(signingInput), cancellationToken).ConfigureAwait(false);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    internal static string SigningInput(string headerJson, string payloadJson)
    {
        if (headerJson is null)
        {
            throw new ArgumentNullException(nameof(headerJson));
        }

        if (payloadJson is null)
        {
            throw new ArgumentNullException(nameof(payloadJson));
        }

        return Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payloadJson));
    }
}
