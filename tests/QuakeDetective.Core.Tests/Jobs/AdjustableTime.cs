namespace QuakeDetective.Core.Tests.Jobs;

/// <summary>The system clock moved by an offset the test controls (to let leases expire without waiting).</summary>
public sealed class AdjustableTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
