using KeyVaultEmulator.Control;
using KeyVaultEmulator.Hosting;
using KeyVaultEmulator.Identity;
using KeyVaultEmulator.Vault;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace KeyVaultEmulator;

/// <summary>
/// An Azure Key Vault (keys: get, sign) and the managed identity token endpoints on 127.0.0.1, one port for all: the vault at
/// <see cref="VaultUrl"/>, IDENTITY_ENDPOINT at <see cref="IdentityEndpoint"/>, the instance metadata service at
/// <see cref="ImdsEndpoint"/>. The vault accepts only tokens its identity endpoints issued for https://vault.azure.net.
/// </summary>
public sealed class VaultEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VaultRuntime _vault;
    private int _disposed;

    private VaultEmulator(WebApplication app, VaultRuntime vault)
    {
        _app = app;
        _vault = vault;
    }

    /// <summary>"http://127.0.0.1:41234", no trailing slash: key ids are {VaultUrl}/keys/{name}/{version}.</summary>
    public string VaultUrl => _vault.VaultUrl;

    /// <summary>What IDENTITY_ENDPOINT holds on App Service or Azure Automation.</summary>
    public string IdentityEndpoint => _vault.VaultUrl + IdentityEndpoints.IdentityPath;

    /// <summary>What IDENTITY_HEADER holds: the secret sent back in X-IDENTITY-HEADER.</summary>
    public string IdentityHeader => _vault.Options.IdentityHeader;

    /// <summary>The instance metadata service's base address (169.254.169.254 on a VM).</summary>
    public string ImdsEndpoint => _vault.VaultUrl;

    public VaultStats Stats => _vault.Stats;

    public static async Task<VaultEmulator> StartAsync(VaultEmulatorOptions? options = null, CancellationToken ct = default)
    {
        var vault = new VaultRuntime(options ?? new VaultEmulatorOptions());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{vault.Options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // No console lifetime: in-process (xunit) it must not grab Ctrl+C; Program.cs handles signals itself.
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.AddSingleton(vault);
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseMiddleware<CallCounter>();
        app.UseRouting();
        KeyEndpoints.Map(app, vault);
        IdentityEndpoints.Map(app, vault);
        ControlEndpoints.Map(app, vault);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        vault.VaultUrl = new Uri(address).GetLeftPart(UriPartial.Authority);
        return new VaultEmulator(app, vault);
    }

    /// <summary>Creates a key (or a new current version of <paramref name="name"/>) and returns its id, {VaultUrl}/keys/{name}/{version}.</summary>
    public string CreateKey(string name, KeySpec spec) => _vault.CreateKey(name, spec).Kid(VaultUrl);

    /// <summary>The Azure role the identity holds on the vault (Key Vault Crypto User by default).</summary>
    public VaultRole Role
    {
        get => _vault.Role;
        set => _vault.Role = value;
    }

    /// <summary>The next <paramref name="count"/> vault calls (get or sign) are answered <paramref name="status"/> with Retry-After.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds = 1, int status = StatusCodes.Status429TooManyRequests)
    {
        if (status is not (StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "429 or 503.");
        }

        _vault.ThrottleNext(count, retryAfterSeconds, status);
    }

    /// <summary>Gets a token the way a managed identity would (for a test that passes one, as Get-AzAccessToken gives).</summary>
    public string IssueToken(string resource = VaultRuntime.VaultResource) => _vault.IssueToken(resource).Value;

    public void Reset() => _vault.Reset();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync(TimeSpan.FromSeconds(5));
        await _app.DisposeAsync();
        _vault.Reset();
    }

    private sealed class NoopHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
