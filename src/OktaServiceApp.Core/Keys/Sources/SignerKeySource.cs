namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>A key already open, such as the key pair New-OktaJwks made in this session.</summary>
public sealed class SignerKeySource : KeySource
{
    private readonly IJwsSigner _signer;

    public SignerKeySource(IJwsSigner signer)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
    }

    /// <inheritdoc />
    public override string Description => $"key {_signer.KeyId}";

    /// <inheritdoc />
    public override Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_signer is SigningKey key ? RequirePrivate(key, owned: false) : _signer);
}
