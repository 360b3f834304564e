using OktaEmulator;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Http;
using Xunit;

namespace OktaServiceApp.Core.Tests.Support;

/// <summary>A fresh emulator for each test, for engine tests that need a real org behind the HTTP client.</summary>
public abstract class EmulatorOrgTests : IAsyncLifetime
{
    private OktaOrgEmulator? _org;

    protected OktaOrgEmulator Org => _org ?? throw new InvalidOperationException("The emulator is not started.");

    public async Task InitializeAsync() => _org = await OktaOrgEmulator.StartAsync(new EmulatorOptions());

    public async Task DisposeAsync()
    {
        if (_org is not null)
        {
            await _org.DisposeAsync();
        }
    }

    /// <summary>What this test's clients share: a fresh registry per test, so counts are exact.</summary>
    protected Core.Sharing.OktaRegistry Registry { get; } = new();

    protected OktaClientOptions Options() => new(OrgUrl.Parse(Org.OrgUrlString)) { RequestTimeout = TimeSpan.FromSeconds(20) };
}
