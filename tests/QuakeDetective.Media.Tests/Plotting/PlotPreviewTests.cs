using QuakeDetective.Media.Plotting;

namespace QuakeDetective.Media.Tests.Plotting;

/// <summary>
/// Writes sample pictures of an earthquake-like subject to the temp folder (media-preview/) for a person to look
/// at after a change to the plot style. It also checks that each is a PNG of the requested size.
/// </summary>
public sealed class PlotPreviewTests
{
    [Fact]
    public void Preview_EarthquakeSubject_WritesPictures()
    {
        var folder = Path.Combine(Path.GetTempPath(), "media-preview");
        Directory.CreateDirectory(folder);
        var quake = TestSignals.Earthquake();
        var renderer = new PlotRenderer();
        var cases = new (string Name, PlotSettings Settings)[]
        {
            ("wave-360x300", new PlotSettings { WidthPx = 360, HeightPx = 300 }),
            ("wave-1280x500", new PlotSettings { WidthPx = 1280, HeightPx = 500 }),
            ("wave-zne-360x300", new PlotSettings { WidthPx = 360, HeightPx = 300, ShowHorizontals = true }),
            ("wave-zne-1280x500", new PlotSettings { WidthPx = 1280, HeightPx = 500, ShowHorizontals = true, BandLowHz = 2, BandHighHz = 8 }),
            ("wave-fixed-1280x500", new PlotSettings { WidthPx = 1280, HeightPx = 500, FixedAmplitudeLimit = 20_000 }),
            ("spec-360x300", new PlotSettings { WidthPx = 360, HeightPx = 300, Kind = PlotKind.Spectrogram }),
            ("spec-1280x500", new PlotSettings { WidthPx = 1280, HeightPx = 500, Kind = PlotKind.Spectrogram }),
            ("spec-band-1280x500", new PlotSettings { WidthPx = 1280, HeightPx = 500, Kind = PlotKind.Spectrogram, BandLowHz = 2, BandHighHz = 8 }),
            ("wave-zne-360x300@2x", new PlotSettings { WidthPx = 360, HeightPx = 300, ShowHorizontals = true, Scale = 2 }),
            ("wave-1280x500@2x", new PlotSettings { WidthPx = 1280, HeightPx = 500, Scale = 2 }),
            ("spec-1280x500@2x", new PlotSettings { WidthPx = 1280, HeightPx = 500, Kind = PlotKind.Spectrogram, Scale = 2 }),
        };

        foreach (var (name, settings) in cases)
        {
            var png = renderer.RenderPng(quake[0], [quake[1], quake[2]], settings);
            File.WriteAllBytes(Path.Combine(folder, name + ".png"), png);

            Assert.Equal((settings.ImageWidthPx, settings.ImageHeightPx), PlotRendererTests.PngSize(png));
        }
    }
}
