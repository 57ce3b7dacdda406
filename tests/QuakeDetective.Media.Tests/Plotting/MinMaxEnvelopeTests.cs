using QuakeDetective.Media.Plotting;

namespace QuakeDetective.Media.Tests.Plotting;

public sealed class MinMaxEnvelopeTests
{
    [Fact]
    public void Decimate_FewSamples_KeepsThemAll()
    {
        var (times, values) = MinMaxEnvelope.Decimate([1, 2, 3, 4], 2, columns: 100);

        Assert.Equal([0, 0.5, 1, 1.5], times);
        Assert.Equal([1, 2, 3, 4], values);
    }

    [Fact]
    public void Decimate_ManySamples_TwoPointsPerColumnKeepingExtremesAndTheirOrder()
    {
        var samples = new double[10_000];
        samples[1234] = 50;
        samples[1240] = -70;
        samples[9999] = 3;

        var (times, values) = MinMaxEnvelope.Decimate(samples, 100, columns: 100);

        Assert.Equal(200, values.Length);
        Assert.Equal(50, values.Max());
        Assert.Equal(-70, values.Min());
        Assert.Equal(3, values[^1]);
        var spike = Array.IndexOf(values, 50.0);
        Assert.Equal(-70, values[spike + 1]);
        Assert.Equal(12.34, times[spike], 9);
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second), "times increase");
    }
}
