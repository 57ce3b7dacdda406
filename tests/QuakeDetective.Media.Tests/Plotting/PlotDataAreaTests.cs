using QuakeDetective.Media.Plotting;
using QuakeDetective.Seismic;
using SkiaSharp;

namespace QuakeDetective.Media.Tests.Plotting;

/// <summary>
/// The data area the renderer reports is where it draws: a sharp feature at a known time lands at the pixel the area
/// predicts, at 1x and 2x, and a 2x picture is the 1x picture with twice the pixels in each direction.
/// </summary>
public sealed class PlotDataAreaTests
{
    private const double Rate = 40;
    private const int Count = 80_000;

    private readonly PlotRenderer _renderer = new();

    [Theory]
    [InlineData(PlotKind.Waveform, false, 360, 260, 1)]
    [InlineData(PlotKind.Waveform, false, 1200, 500, 1)]
    [InlineData(PlotKind.Waveform, true, 720, 540, 1)]
    [InlineData(PlotKind.Waveform, false, 360, 260, 2)]
    [InlineData(PlotKind.Waveform, true, 1200, 760, 2)]
    [InlineData(PlotKind.Spectrogram, false, 1200, 500, 1)]
    [InlineData(PlotKind.Spectrogram, false, 360, 260, 2)]
    public void Render_FeatureAtKnownTime_IsWhereTheDataAreaPutsIt(PlotKind kind, bool horizontals, int width, int height, int scale)
    {
        const double fraction = 0.37;
        var settings = new PlotSettings { WidthPx = width, HeightPx = height, Scale = scale, ShowHorizontals = horizontals, FixedAmplitudeLimit = 1, Kind = kind };
        var traces = Spike(fraction);

        var plot = _renderer.Render(traces[0], horizontals ? traces.Skip(1).ToList() : [], settings);

        using var bitmap = SKBitmap.Decode(plot.Png);
        var area = plot.DataArea;
        var spectrogram = kind == PlotKind.Spectrogram;
        var row = (int)area.Top + 4 * scale;
        var columns = Enumerable.Range((int)area.Left, (int)(area.Right - area.Left))
            .Where(x => IsFeature(bitmap.GetPixel(x, row), spectrogram) && IsFeature(bitmap.GetPixel(x, row + 4 * scale), spectrogram))
            .ToList();
        Assert.NotEmpty(columns);
        var found = (columns.Min() + columns.Max() + 1) / 2.0;

        // Within a device pixel for the waveform; the spectrogram's 6.4 s segments (about 4 layout pixels) blur more.
        var tolerance = spectrogram ? 3.0 * scale : 1.0;
        Assert.InRange(found - area.XAt(fraction), -tolerance, tolerance);
    }

    [Theory]
    [InlineData(PlotKind.Waveform, false, 360, 260)]
    [InlineData(PlotKind.Waveform, true, 1200, 760)]
    [InlineData(PlotKind.Spectrogram, false, 720, 320)]
    public void Render_Scale2_TwiceThePixelsAndTheSameDataAreaProportions(PlotKind kind, bool horizontals, int width, int height)
    {
        var traces = Spike(0.5);
        var one = new PlotSettings { WidthPx = width, HeightPx = height, ShowHorizontals = horizontals, Kind = kind };
        var two = one with { Scale = 2 };

        var plot1 = _renderer.Render(traces[0], traces.Skip(1).ToList(), one);
        var plot2 = _renderer.Render(traces[0], traces.Skip(1).ToList(), two);

        Assert.Equal((width, height), PlotRendererTests.PngSize(plot1.Png));
        Assert.Equal((2 * width, 2 * height), PlotRendererTests.PngSize(plot2.Png));
        Assert.Equal((2 * width, 2 * height), (plot2.DataArea.ImageWidth, plot2.DataArea.ImageHeight));
        Assert.Equal(plot1.DataArea.LeftFraction, plot2.DataArea.LeftFraction, 9);
        Assert.Equal(plot1.DataArea.RightFraction, plot2.DataArea.RightFraction, 9);
        Assert.Equal(plot1.DataArea.TopFraction, plot2.DataArea.TopFraction, 9);
        Assert.Equal(plot1.DataArea.BottomFraction, plot2.DataArea.BottomFraction, 9);
        Assert.Equal(PlotRenderer.DataArea(two), plot2.DataArea);
        Assert.NotEqual(one.CacheKey(), two.CacheKey());
    }

    [Fact]
    public void Render_Scale2_IsDeterministic()
    {
        var traces = Spike(0.25);
        var settings = new PlotSettings { WidthPx = 360, HeightPx = 260, Scale = 2, ShowHorizontals = true };

        Assert.Equal(_renderer.RenderPng(traces[0], traces.Skip(1).ToList(), settings), new PlotRenderer().RenderPng(traces[0], traces.Skip(1).ToList(), settings));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Validate_ScaleOutOfRange_NamesTheSetting(int scale)
    {
        var ex = Assert.Throws<ArgumentException>(() => PlotRenderer.DataArea(new PlotSettings { Scale = scale }));

        Assert.Contains("Scale", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>2000 s at 40 Hz, zero except one sharp zero-mean feature at a fraction of the window, on Z, N and E.</summary>
    private static List<Trace> Spike(double fraction)
    {
        var samples = new double[Count];
        var centre = (int)Math.Round(fraction * (Count - 1));
        samples[centre - 1] = 5e5;
        samples[centre] = -1e6;
        samples[centre + 1] = 5e5;
        return new[] { "BHZ", "BHN", "BHE" }.Select(c => new Trace(new SeedId("XX", "TEST", "00", c), 0, Rate, (double[])samples.Clone())).ToList();
    }

    private static bool IsFeature(SKColor c, bool spectrogram) =>
        spectrogram ? c.Green > 170 && c.Blue < 140 : c.Red < 110 && c.Green < 110 && c.Blue < 110;
}
