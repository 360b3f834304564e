namespace OktaServiceApp.Core.Keys.Sources;

/// <summary>A PEM or private JWK file on disk.</summary>
public sealed class FileKeySource : KeySource
{
    private readonly string? _password;
    private readonly string? _keyId;

    public FileKeySource(string path, string? password = null, string? keyId = null)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        _password = password;
        _keyId = keyId;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Description => $"file {Path}";

    /// <inheritdoc />
    public override Task<IJwsSigner> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(RequirePrivate(KeyFile.Read(Path, _password, _keyId)));
}
