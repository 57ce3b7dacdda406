using QuakeDetective.Media.Plotting;
using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Media.Tests.Plotting;

/// <summary>The plot's own short-time FFT gives the same decibels as the SciPy-checked <see cref="Spectrogram"/>.</summary>
public sealed class SpectrogramGridTests
{
    [Theory]
    [InlineData(16, 8, 20.0)]
    [InlineData(64, 32, 20.0)]
    [InlineData(256, 128, 20.0)]
    [InlineData(256, 128, 8.0)]
    [InlineData(1024, 512, 20.0)]
    public void Compute_MatchesSeismicSpectrogram(int segment, int overlap, double maxHz)
    {
        const double rate = 40;
        var random = new Random(5);
        var x = Enumerable.Range(0, 20_000).Select(i => 100 * Math.Sin(2 * Math.PI * 3.1 * i / rate) + 30 * (random.NextDouble() - 0.5) + 7).ToArray();

        var grid = SpectrogramGrid.Compute(x, rate, segment, overlap, maxHz);
        var reference = Spectrogram.Compute(x, rate, segment, overlap);

        var rows = reference.FrequenciesHz.Count(f => f <= maxHz + 1e-9);
        Assert.Equal(rows, grid.Rows);
        Assert.Equal(reference.TimesSeconds.Length, grid.Columns);
        Assert.Equal(reference.TimesSeconds[0], grid.FirstTimeSeconds, 9);
        Assert.Equal(reference.TimesSeconds[1] - reference.TimesSeconds[0], grid.StepSeconds, 9);
        Assert.Equal(reference.FrequenciesHz[rows - 1], grid.TopHz, 9);
        for (var f = 0; f < rows; f++)
        {
            for (var t = 0; t < grid.Columns; t++)
            {
                var expected = 10 * Math.Log10(Math.Max(reference.Power[f, t], 1e-30));
                Assert.True(Math.Abs(expected - grid.Decibels[(rows - 1 - f) * grid.Columns + t]) < 1e-3, $"{f},{t}: {expected} dB");
            }
        }
    }

    [Fact]
    public void Compute_ShorterThanASegment_HasNoColumns()
    {
        var grid = SpectrogramGrid.Compute(new double[100], 40, 256, 128, 20);

        Assert.Equal(0, grid.Columns);
    }
}
