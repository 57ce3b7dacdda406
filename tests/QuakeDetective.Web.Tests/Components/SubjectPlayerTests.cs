using System.Text.Json;
using Bunit;
using QuakeDetective.Web.Components.Shared;

namespace QuakeDetective.Web.Tests.Components;

public sealed class SubjectPlayerTests : ComponentTestContext
{
    [Fact]
    public void Render_DefaultView_BarePlotUrlForDesktopAndSmallerImagesForPhones()
    {
        var cut = Render<SubjectPlayer>(p => p.Add(c => c.Subject, FakeClassifyBackend.Details(42)));

        var img = cut.Find("img[data-testid=subject-plot]");
        Assert.Equal("media/subjects/42/plot.png", img.GetAttribute("src"));
        Assert.Equal(
            ["media/subjects/42/plot.png?w=360&h=260&horizontals=false 1x, media/subjects/42/plot.png?w=360&h=260&horizontals=false&scale=2 2x",
             "media/subjects/42/plot.png?w=720&h=320&horizontals=false 1x, media/subjects/42/plot.png?w=720&h=320&horizontals=false&scale=2 2x"],
            cut.FindAll("source").Select(s => s.GetAttribute("srcset")));
        Assert.Equal("media/subjects/42/plot.png 1x, media/subjects/42/plot.png?scale=2 2x", img.GetAttribute("srcset"));
        Assert.Equal("media/subjects/42/audio.wav", cut.Find("audio[data-testid=subject-audio]").GetAttribute("src"));
        Assert.Contains("XX.STA42.00", img.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Contains("2020-01-02 03:04 UTC", img.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Equal("0.0 / 5.0 s", cut.Find("[data-role=time]").TextContent.Trim());
        Assert.Equal("subject", cut.Find("figure").GetAttribute("data-player"));
    }

    [Fact]
    public void Render_EverySizeOffered_HasItsMeasuredDataArea()
    {
        var cut = Render<SubjectPlayer>(p => p.Add(c => c.Subject, FakeClassifyBackend.Details(42)).Add(c => c.Horizontals, true));

        var areas = JsonSerializer.Deserialize<Dictionary<string, double[]>>(cut.Find(".plot-frame").GetAttribute("data-areas")!)!;

        Assert.Equal(["1200x760", "360x440", "720x540"], areas.Keys.Order());
        Assert.All(areas.Values, a => Assert.True(a[0] > 0 && a[0] < a[1] && a[1] < 1 && a[2] < a[3], string.Join(",", a)));
    }

    [Fact]
    public void Render_Spectrogram_AskesForSpectrogramsWithoutHorizontals()
    {
        var cut = Render<SubjectPlayer>(p => p.Add(c => c.Subject, FakeClassifyBackend.Details(7)).Add(c => c.Spectrogram, true).Add(c => c.Horizontals, true));

        Assert.Equal("media/subjects/7/plot.png?w=1200&h=500&horizontals=false&kind=spectrogram", cut.Find("img").GetAttribute("src"));
        Assert.All(cut.FindAll("source"), s => Assert.EndsWith("&kind=spectrogram&scale=2 2x", s.GetAttribute("srcset"), StringComparison.Ordinal));
        Assert.Contains("Spectrogram", cut.Find("img").GetAttribute("alt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StationWithOnlyTheVertical_IgnoresHorizontals()
    {
        var verticalOnly = FakeClassifyBackend.Details(8) with { Channels = ["BHZ"] };

        var cut = Render<SubjectPlayer>(p => p.Add(c => c.Subject, verticalOnly).Add(c => c.Horizontals, true));

        Assert.Equal("media/subjects/8/plot.png", cut.Find("img").GetAttribute("src"));
    }

    [Fact]
    public void Render_Thumb_LazyAndQuiet()
    {
        var cut = Render<SubjectPlayer>(p => p.Add(c => c.Subject, FakeClassifyBackend.Details(9)).Add(c => c.Layout, PlotLayout.Thumb)
            .Add(c => c.PlayerName, "example").Add(c => c.PlotTestId, "example-plot"));

        Assert.Equal("lazy", cut.Find("img[data-testid=example-plot]").GetAttribute("loading"));
        Assert.Equal("none", cut.Find("audio").GetAttribute("preload"));
        Assert.Equal("media/subjects/9/plot.png?w=640&h=260&horizontals=false", cut.Find("img").GetAttribute("src"));
        Assert.Null(cut.Find("[data-action=toggle]").GetAttribute("aria-keyshortcuts"));
    }
}
