using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using OktaEmulator.Hosting;

namespace OktaEmulator;

/// <summary>
/// An Okta org on 127.0.0.1: DCR, Apps API, JWKS, client roles, scope grants, the org token endpoint (private_key_jwt,
/// DPoP) and /api/v1/users, with Okta's status codes, error bodies and headers, rate limits and injectable faults.
/// </summary>
public sealed class OktaOrgEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OrgRuntime _org;
    private int _disposed;

    private OktaOrgEmulator(WebApplication app, OrgRuntime org, Uri orgUrl)
    {
        _app = app;
        _org = org;
        OrgUrl = orgUrl;
    }

    /// <summary>e.g. http://127.0.0.1:41234 (no path).</summary>
    public Uri OrgUrl { get; }

    /// <summary>"http://127.0.0.1:41234" exactly, no trailing slash: the org issuer.</summary>
    public string OrgUrlString => _org.OrgUrl;

    public string ApiToken => _org.ApiToken;
    public EmulatorStats Stats => _org.Stats;
    public EmulatorState State => _org.State;

    public static async Task<OktaOrgEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        var org = new OrgRuntime(options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // No console lifetime: in-process (xunit) it must not grab Ctrl+C; Program.cs handles signals itself.
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.AddSingleton(org);
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<ApiPipeline>();
        Routes.Map(app, org);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var orgUrl = new Uri(address);
        org.OrgUrl = orgUrl.GetLeftPart(UriPartial.Authority);
        return new OktaOrgEmulator(app, org, new Uri(org.OrgUrl));
    }

    /// <summary>Changes rate limits, faults or the clock while running; rate-limit counts restart.</summary>
    public void Configure(Action<EmulatorOptions> change) => _org.Configure(change);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync(TimeSpan.FromSeconds(5));
        await _app.DisposeAsync();
    }

    private sealed class NoopHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
