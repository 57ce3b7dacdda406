using QuakeDetective.Media.Plotting;
using QuakeDetective.Seismic;
using QuakeDetective.Web.Components.Shared;
using QuakeDetective.Web.Infrastructure;
using SkiaSharp;
using Xunit.Abstractions;

namespace QuakeDetective.Web.Tests.Components;

/// <summary>The playhead is drawn from the renderer's data area: a feature at a known time must be where it says.</summary>
public sealed class PlotDataAreaTests(ITestOutputHelper output)
{
    private static readonly PlotRenderer Renderer = new();

    public static TheoryData<bool, bool, int, int> Variants()
    {
        var data = new TheoryData<bool, bool, int, int>();
        foreach (var layout in new[] { PlotLayout.Main, PlotLayout.Thumb })
        {
            foreach (var (spectrogram, horizontals) in new[] { (false, false), (false, true), (true, false) })
            {
                foreach (var source in PlotSources.For(1, layout, spectrogram, horizontals, campaignShowsHorizontals: false))
                {
                    data.Add(source.Variant.Spectrogram, source.Variant.Horizontals, source.Variant.Width, source.Variant.Height);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void DataArea_FeatureAtKnownTime_IsWhereTheAreaPutsIt(bool spectrogram, bool horizontals, int width, int height)
    {
        var variant = new PlotVariant(spectrogram, horizontals, width, height);
        var pixels = SubjectMedia.GetDataArea(variant);
        var area = (Left: pixels.LeftFraction, Right: pixels.RightFraction, Top: pixels.TopFraction, Bottom: pixels.BottomFraction);

        // An independent window: 2000 s at 40 Hz, one sharp zero-mean feature at 37 % of the window.
        const double rate = 40;
        const int count = 80_000;
        const double fraction = 0.37;
        var samples = new double[count];
        var centre = (int)Math.Round(fraction * (count - 1));
        samples[centre - 1] = 5e5;
        samples[centre] = -1e6;
        samples[centre + 1] = 5e5;
        var traces = new[] { "BHZ", "BHN", "BHE" }.Select(c => new Trace(new SeedId("XX", "TEST", "00", c), 0, rate, (double[])samples.Clone())).ToList();
        var settings = new PlotSettings { WidthPx = width, HeightPx = height, ShowHorizontals = horizontals, FixedAmplitudeLimit = 1, Kind = spectrogram ? PlotKind.Spectrogram : PlotKind.Waveform };
        using var bitmap = SKBitmap.Decode(Renderer.RenderPng(traces[0], horizontals ? traces.Skip(1).ToList() : [], settings));

        // Two rows near the top of the (first) panel: in the vertical component, away from the zero line.
        var row = (int)(area.Top * height) + 4;
        var columns = Enumerable.Range((int)(area.Left * width), (int)((area.Right - area.Left) * width)).Where(x => IsFeature(bitmap.GetPixel(x, row), spectrogram) && IsFeature(bitmap.GetPixel(x, row + 4), spectrogram)).ToList();
        Assert.NotEmpty(columns);
        var found = (columns.Min() + columns.Max() + 1) / 2.0;
        var predicted = (area.Left + fraction * (area.Right - area.Left)) * width;
        output.WriteLine($"{variant.SizeKey} spec={spectrogram} zne={horizontals}: area {area}; feature at {found:F1} px, predicted {predicted:F1} px");

        // Half a pixel for the waveform; the spectrogram's 6.4 s segments allow a little more.
        Assert.InRange(found - predicted, spectrogram ? -3.0 : -1.0, spectrogram ? 3.0 : 1.0);
        Assert.InRange(area.Top, 0.0, 0.3);
        Assert.InRange(area.Bottom, 0.6, 1.0);
    }

    private static bool IsFeature(SKColor c, bool spectrogram) =>
        spectrogram ? c.Green > 170 && c.Blue < 140 : c.Red < 110 && c.Green < 110 && c.Blue < 110;
}
