using Bunit;
using QuakeDetective.Web.Components.Pages.Classify;

namespace QuakeDetective.Web.Tests.Components;

public sealed class SubjectViewerTests : BunitContext
{
    [Fact]
    public void Render_Subject_ShowsPlotAndAudioOfThatSubject()
    {
        var cut = Render<SubjectViewer>(p => p.Add(c => c.SubjectId, 42));

        Assert.Equal("media/subjects/42/plot.png", cut.Find("img[data-testid=subject-plot]").GetAttribute("src"));
        Assert.Equal("media/subjects/42/audio.wav", cut.Find("audio[data-testid=subject-audio]").GetAttribute("src"));
        Assert.False(string.IsNullOrWhiteSpace(cut.Find("img").GetAttribute("alt")));
    }
}
