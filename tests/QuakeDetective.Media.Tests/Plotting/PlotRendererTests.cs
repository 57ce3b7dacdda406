using QuakeDetective.Media.Plotting;
using QuakeDetective.Seismic;
using SkiaSharp;

namespace QuakeDetective.Media.Tests.Plotting;

public sealed class PlotRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly PlotRenderer _renderer = new();
    private readonly IReadOnlyList<Trace> _quake = TestSignals.Earthquake();

    private Trace Vertical => _quake[0];

    private IReadOnlyList<Trace> Horizontals => [_quake[1], _quake[2]];

    [Theory]
    [InlineData(1200, 500, PlotKind.Waveform)]
    [InlineData(360, 300, PlotKind.Waveform)]
    [InlineData(1920, 1080, PlotKind.Waveform)]
    [InlineData(1200, 500, PlotKind.Spectrogram)]
    [InlineData(360, 300, PlotKind.Spectrogram)]
    public void Render_IsPngOfRequestedSize(int width, int height, PlotKind kind)
    {
        var png = _renderer.RenderPng(Vertical, Horizontals, new PlotSettings { WidthPx = width, HeightPx = height, Kind = kind, ShowHorizontals = true });

        Assert.Equal(PngSignature, png.Take(8));
        Assert.Equal((width, height), PngSize(png));
    }

    [Theory]
    [InlineData(PlotKind.Waveform)]
    [InlineData(PlotKind.Spectrogram)]
    public void Render_SameInput_IdenticalBytes(PlotKind kind)
    {
        var settings = new PlotSettings { Kind = kind, ShowHorizontals = true, BandLowHz = 2, BandHighHz = 8 };

        var first = _renderer.RenderPng(Vertical, Horizontals, settings);
        var second = new PlotRenderer().RenderPng(TestSignals.Earthquake()[0], [.. TestSignals.Earthquake().Skip(1)], settings);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Render_InParallel_SameBytesAsAlone()
    {
        var settings = new PlotSettings { ShowHorizontals = true, WidthPx = 640, HeightPx = 360 };
        var alone = _renderer.RenderPng(Vertical, Horizontals, settings);

        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _renderer.RenderPng(Vertical, Horizontals, settings))));

        Assert.All(parallel, png => Assert.Equal(alone, png));
    }

    [Fact]
    public void Render_FixedLimits_DifferFromAuto()
    {
        var auto = _renderer.RenderPng(Vertical, new PlotSettings());
        var fixedLimits = _renderer.RenderPng(Vertical, new PlotSettings { FixedAmplitudeLimit = 50_000 });

        Assert.NotEqual(auto, fixedLimits);
    }

    [Fact]
    public void Render_FixedLimitFarAboveSignal_DrawsTheTraceFlatter()
    {
        // With ±100 times the peak the trace occupies only a thin band around zero.
        var auto = Decode(_renderer.RenderPng(Vertical, new PlotSettings()));
        var wide = Decode(_renderer.RenderPng(Vertical, new PlotSettings { FixedAmplitudeLimit = 1e6 }));

        Assert.True(RowsWithInk(wide) < RowsWithInk(auto) / 4, $"{RowsWithInk(wide)} rows vs {RowsWithInk(auto)}");
    }

    [Fact]
    public void Render_ShowHorizontals_AddsPanelsInTheirColours()
    {
        var without = Decode(_renderer.RenderPng(Vertical, Horizontals, new PlotSettings()));
        var with = Decode(_renderer.RenderPng(Vertical, Horizontals, new PlotSettings { ShowHorizontals = true }));

        var blue = new SKColor(0x00, 0x72, 0xB2);
        var vermillion = new SKColor(0xD5, 0x5E, 0x00);
        Assert.Equal(0, CountNear(without, blue));
        Assert.True(CountNear(with, blue) > 100, "the first horizontal is drawn in Okabe–Ito blue");
        Assert.True(CountNear(with, vermillion) > 100, "the second horizontal is drawn in vermillion");
        Assert.True(LowestNearRow(with, vermillion) > with.Height / 2, "horizontals sit below the vertical");
    }

    [Fact]
    public void Render_Spectrogram_UsesViridisColours()
    {
        var png = Decode(_renderer.RenderPng(Vertical, new PlotSettings { Kind = PlotKind.Spectrogram }));

        // Viridis runs from dark purple (#440154) to yellow (#FDE725).
        Assert.True(CountNear(png, new SKColor(0x44, 0x01, 0x54), tolerance: 40) > 50);
        Assert.True(CountNear(png, new SKColor(0xFD, 0xE7, 0x25), tolerance: 60) > 5);
    }

    [Fact]
    public void Render_LongTrace_KeepsASingleSampleSpike()
    {
        // 100 000 samples on about 1100 pixel columns: without a min/max envelope the spike could be skipped.
        var samples = new double[100_000];
        samples[54_321] = 1000;
        samples[10] = -1;
        var image = Decode(_renderer.RenderPng(TestSignals.Make(samples, 40), new PlotSettings()));

        Assert.True(RowsWithInk(image) > image.Height / 3, "the spike draws a tall line");
    }

    public static TheoryData<string, double[]> AwkwardTraces => new()
    {
        { "empty", [] },
        { "one sample", [5] },
        { "all zero", new double[4000] },
        { "NaN inside", [.. Enumerable.Range(0, 4000).Select(i => i % 100 == 0 ? double.NaN : Math.Sin(i / 10.0))] },
        { "all NaN", [.. Enumerable.Repeat(double.NaN, 4000)] },
        { "infinite", [1, 2, double.PositiveInfinity, 3, double.NegativeInfinity, 4, 5, 6, 7, 8] },
    };

    [Theory]
    [MemberData(nameof(AwkwardTraces))]
    public void Render_AwkwardTrace_GivesAPlotNotACrash(string what, double[] samples)
    {
        foreach (var kind in new[] { PlotKind.Waveform, PlotKind.Spectrogram })
        {
            foreach (var band in new double?[] { null, 2 })
            {
                var settings = new PlotSettings { Kind = kind, WidthPx = 400, HeightPx = 200, BandLowHz = band, BandHighHz = band * 4, ShowHorizontals = true };

                var png = _renderer.RenderPng(TestSignals.Make(samples, 40), [TestSignals.Make(samples, 40, "BHN")], settings);

                Assert.True(PngSize(png) == (400, 200), $"{what} {kind} band {band}");
            }
        }
    }

    [Fact]
    public void Render_BandPass_ChangesThePicture()
    {
        var raw = _renderer.RenderPng(Vertical, new PlotSettings());
        var filtered = _renderer.RenderPng(Vertical, new PlotSettings { BandLowHz = 2, BandHighHz = 8 });

        Assert.NotEqual(raw, filtered);
    }

    [Fact]
    public void Render_BandAboveNyquist_ThrowsSayingSo()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _renderer.RenderPng(TestSignals.Sine(1, 10, 100), new PlotSettings { BandLowHz = 2, BandHighHz = 8 }));

        Assert.Contains("Nyquist", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<PlotSettings, string> InvalidSettings => new()
    {
        { new PlotSettings { WidthPx = 10 }, nameof(PlotSettings.WidthPx) },
        { new PlotSettings { HeightPx = 100_000 }, nameof(PlotSettings.HeightPx) },
        { new PlotSettings { FixedAmplitudeLimit = 0 }, nameof(PlotSettings.FixedAmplitudeLimit) },
        { new PlotSettings { BandLowHz = 2 }, nameof(PlotSettings.BandHighHz) },
        { new PlotSettings { BandLowHz = 8, BandHighHz = 2 }, nameof(PlotSettings.BandHighHz) },
        { new PlotSettings { Kind = (PlotKind)7 }, nameof(PlotSettings.Kind) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Render_InvalidSettings_ThrowNamingTheSetting(PlotSettings settings, string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => _renderer.RenderPng(Vertical, settings));

        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void CacheKey_DefaultSettings_IsStable()
    {
        Assert.Equal("plot-2-wave-1200x500-@1x-z-auto-raw", new PlotSettings().CacheKey());
    }

    [Fact]
    public void CacheKey_DiffersWhenASettingDiffers()
    {
        var baseline = new PlotSettings();
        PlotSettings[] variants =
        [
            baseline with { WidthPx = 360 }, baseline with { HeightPx = 300 }, baseline with { ShowHorizontals = true },
            baseline with { FixedAmplitudeLimit = 1000 }, baseline with { BandLowHz = 2, BandHighHz = 8 },
            baseline with { BandLowHz = 2, BandHighHz = 8, FilterCorners = 2 }, baseline with { Kind = PlotKind.Spectrogram },
        ];

        var keys = variants.Select(v => v.CacheKey()).Append(baseline.CacheKey()).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void FontSource_NamesWhereTextComesFrom()
    {
        Assert.False(string.IsNullOrWhiteSpace(PlotRenderer.FontSource));
    }

    internal static (int Width, int Height) PngSize(byte[] png)
    {
        static int BigEndian(byte[] b, int offset) => (b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3];
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png);

    private static int CountNear(SKBitmap image, SKColor color, int tolerance = 30)
    {
        var count = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (IsNear(image.GetPixel(x, y), color, tolerance))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int LowestNearRow(SKBitmap image, SKColor color)
    {
        for (var y = image.Height - 1; y >= 0; y--)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (IsNear(image.GetPixel(x, y), color, 30))
                {
                    return y;
                }
            }
        }

        return -1;
    }

    /// <summary>Rows that hold a dark trace pixel inside the data area (title, labels and frame excluded).</summary>
    private static int RowsWithInk(SKBitmap image)
    {
        var rows = 0;
        for (var y = image.Height / 10; y < image.Height * 86 / 100; y++)
        {
            for (var x = image.Width / 3; x < image.Width * 9 / 10; x++)
            {
                var p = image.GetPixel(x, y);
                if (p.Red < 160 && p.Green < 160 && p.Blue < 160)
                {
                    rows++;
                    break;
                }
            }
        }

        return rows;
    }

    private static bool IsNear(SKColor a, SKColor b, int tolerance) =>
        Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) <= tolerance;
}
