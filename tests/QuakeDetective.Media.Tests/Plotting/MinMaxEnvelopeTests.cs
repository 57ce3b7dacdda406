using QuakeDetective.Media.Plotting;

namespace QuakeDetective.Media.Tests.Plotting;

public sealed class MinMaxEnvelopeTests
{
    [Fact]
    public void Columns_ManySamples_OneMinAndMaxPerPixelKeepingSpikes()
    {
        var samples = new double[10_000];
        samples[1234] = 50;
        samples[1240] = -70;
        samples[9999] = 3;

        var (first, min, max) = MinMaxEnvelope.Columns(samples, firstPixel: 80.5, pixelsPerSample: 0.01);

        Assert.Equal(80, first);
        Assert.Equal(101, min.Length);
        Assert.Equal(50, max[12]);
        Assert.Equal(-70, min[12]);
        Assert.Equal(0, max[11]);
        Assert.Equal(3, max[^1]);
    }

    [Fact]
    public void Columns_StepAtAColumnBoundary_JoinsTheColumns()
    {
        double[] samples = [0, 0, 0, 0, 10, 10, 10, 10];

        var (_, min, max) = MinMaxEnvelope.Columns(samples, firstPixel: 0, pixelsPerSample: 0.25);

        Assert.Equal([0.0, 0.0], min);
        Assert.Equal([0.0, 10.0], max);
    }

    [Fact]
    public void Columns_SparseSamples_FillColumnsBetweenThem()
    {
        double[] samples = [1, 5, 2];

        var (first, min, max) = MinMaxEnvelope.Columns(samples, firstPixel: 10, pixelsPerSample: 3);

        Assert.Equal(10, first);
        Assert.Equal(7, min.Length);
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 5.0, 5.0, 2.0], min);
        Assert.Equal([1.0, 1.0, 1.0, 5.0, 5.0, 5.0, 5.0], max);
    }

    [Fact]
    public void Columns_Empty_IsEmpty()
    {
        var (_, min, max) = MinMaxEnvelope.Columns([], 0, 0.1);

        Assert.Empty(min);
        Assert.Empty(max);
    }
}
