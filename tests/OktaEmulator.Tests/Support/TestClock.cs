namespace OktaEmulator.Tests.Support;

/// <summary>A clock tests move by hand, so windows, expiries and freshness are tested without sleeping.</summary>
public sealed class TestClock
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);
}
