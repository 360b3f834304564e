using System.Security;
using OktaServiceApp.Core.Secrets;

namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>
/// PEM or private JWK text given as a SecureString (Get-Secret, an encrypted Automation variable). It stays encrypted until
/// the key is opened, is turned into text only for the parse, and is never written to disk or named in a message.
/// </summary>
public sealed class SecureTextKeySource : KeySource
{
    private readonly SecureString _text;
    private readonly string? _password;
    private readonly string? _keyId;

    public SecureTextKeySource(SecureString text, string? password = null, string? keyId = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        // A copy, so the caller disposing or changing theirs cannot affect a connection that reopens the key.
        _text = text.Copy();
        _text.MakeReadOnly();
        _password = password;
        _keyId = keyId;
    }

    /// <inheritdoc />
    public override string Description => "private key text (SecureString)";

    /// <inheritdoc />
    public override Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken)
    {
        if (_text.Length == 0)
        {
            throw new KeyException(KeyProblem.UnknownFormat,
                "The SecureString given as the private key is empty; it must hold PEM text or a private JWK.");
        }

        var text = SecureText.ToPlain(_text).Trim();
        if (!text.StartsWith("-----BEGIN", StringComparison.Ordinal) && !text.StartsWith("{", StringComparison.Ordinal))
        {
            // Most likely a file path given to -PrivateKey; the value itself is not repeated, it may be a secret.
            throw new KeyException(KeyProblem.UnknownFormat,
                "The SecureString given as the private key holds neither PEM text nor a private JWK. To read a key file, use -PrivateKeyPath.");
        }

        return Task.FromResult(RequirePrivate(SigningKey.Import(text, _password, _keyId)));
    }
}
