namespace OktaServiceApp.Core.Keys.KeyVault;

/// <summary>Where a managed identity gets its tokens. <see cref="FromEnvironment"/> reads what Azure sets.</summary>
public sealed class ManagedIdentityOptions
{
    /// <summary>The instance metadata service of an Azure VM.</summary>
    public static readonly Uri DefaultImdsEndpoint = new("http://169.254.169.254", UriKind.Absolute);

    /// <summary>IDENTITY_ENDPOINT (App Service, Azure Automation, Functions); null on a VM.</summary>
    public Uri? IdentityEndpoint { get; set; }

    /// <summary>IDENTITY_HEADER: the secret sent back in X-IDENTITY-HEADER.</summary>
    public string? IdentityHeader { get; set; }

    /// <summary>The metadata service's base address, used when <see cref="IdentityEndpoint"/> is not set.</summary>
    public Uri ImdsEndpoint { get; set; } = DefaultImdsEndpoint;

    /// <summary>IDENTITY_ENDPOINT and IDENTITY_HEADER, and AZURE_POD_IDENTITY_AUTHORITY_HOST for the metadata address (the
    /// override Azure's own libraries honour).</summary>
    public static ManagedIdentityOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new ManagedIdentityOptions();
        var endpoint = environment("IDENTITY_ENDPOINT")?.Trim();
        var header = environment("IDENTITY_HEADER")?.Trim();
        if (!string.IsNullOrEmpty(endpoint) && !string.IsNullOrEmpty(header))
        {
            options.IdentityEndpoint = Absolute(endpoint!, "IDENTITY_ENDPOINT");
            options.IdentityHeader = header;
        }

        var imds = environment("AZURE_POD_IDENTITY_AUTHORITY_HOST")?.Trim();
        if (!string.IsNullOrEmpty(imds))
        {
            options.ImdsEndpoint = Absolute(imds!, "AZURE_POD_IDENTITY_AUTHORITY_HOST");
        }

        return options;
    }

    private static Uri Absolute(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new KeyException(KeyProblem.ManagedIdentityUnavailable, $"{name} is not an http:// or https:// URL.");
}
