namespace OktaEmulator.Tests.Support;

/// <summary>
/// One emulator per test class, on a random port, with a hand-moved clock (time only passes when a test says so).
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    private OktaOrgEmulator? _emulator;
    private OrgApi? _api;

    public TestClock Clock { get; } = new();
    public OktaOrgEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");
    public OrgApi Api => _api ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { Clock = () => Clock.Now };
        Configure(options);
        _emulator = await OktaOrgEmulator.StartAsync(options);
        _api = new OrgApi(_emulator, Clock);
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    protected virtual void Configure(EmulatorOptions options)
    {
    }
}
