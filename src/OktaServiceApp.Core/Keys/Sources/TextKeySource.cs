namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>PEM or JWK text held in memory (an environment variable, okta.yaml, a secret vault); never written to disk.</summary>
public sealed class TextKeySource : KeySource
{
    private readonly string _text;
    private readonly string? _password;
    private readonly string? _keyId;

    public TextKeySource(string text, string? password = null, string? keyId = null)
    {
        _text = text ?? throw new ArgumentNullException(nameof(text));
        _password = password;
        _keyId = keyId;
    }

    /// <inheritdoc />
    public override string Description =>
        _text.TrimStart().StartsWith("{", StringComparison.Ordinal) ? "private JWK text" : "PEM text";

    /// <inheritdoc />
    public override Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(RequirePrivate(SigningKey.Import(_text, _password, _keyId)));
}
