using OktaEmulator;

namespace OktaServiceApp.Tests.Support;

/// <summary>One emulator per test class, on a random loopback port.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public OktaOrgEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await OktaOrgEmulator.StartAsync(new EmulatorOptions { Seed = 7 });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
