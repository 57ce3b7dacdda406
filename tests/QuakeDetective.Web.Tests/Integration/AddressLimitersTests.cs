using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>The per-address vote limiters must not grow without bound on a public site.</summary>
public sealed class AddressLimitersTests
{
    [Fact]
    public void IdleAddresses_AreDroppedAfterTheSweepInterval_BusyOnesKeepTheirWindow()
    {
        var time = new StepTime();
        var limiters = new AddressLimiters(time, TimeSpan.Zero);
        var busy = limiters.For("198.51.100.1", permitsPerMinute: 2);
        using var lease = busy.AttemptAcquire();
        Assert.True(lease.IsAcquired);
        for (var i = 0; i < 50; i++)
        {
            limiters.For($"203.0.113.{i}", permitsPerMinute: 2);
        }

        Assert.Equal(51, limiters.Count);

        time.Advance(TimeSpan.FromSeconds(30));
        limiters.For("192.0.2.1", permitsPerMinute: 2);
        Assert.Equal(52, limiters.Count);

        time.Advance(TimeSpan.FromSeconds(31));
        var again = limiters.For("198.51.100.1", permitsPerMinute: 2);

        // The fifty never-used addresses are idle and gone; the busy address kept its limiter and its spent permit.
        Assert.Equal(1, limiters.Count);
        Assert.Same(busy, again);
        Assert.Equal(1, again.GetStatistics()!.CurrentAvailablePermits);
    }

    private sealed class StepTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
