using Bunit;
using QuakeDetective.Core.Domain;
using QuakeDetective.Web.Components.Pages.Classify;

namespace QuakeDetective.Web.Tests.Components;

/// <summary>While a subject is on screen the page takes the next one from the queue and loads its plot and sound.</summary>
public sealed class ClassifyPreloadTests : ComponentTestContext
{
    private const long Volunteer = 78;

    private IRenderedComponent<ClassifyWorkspace> RenderWorkspace()
    {
        Module.Setup<BrowserRestore?>("attach", _ => true).SetResult(new BrowserRestore());
        var cut = Render<ClassifyWorkspace>(p => p.Add(c => c.VolunteerId, Volunteer));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".classify").GetAttribute("data-interactive")));
        return cut;
    }

    private static long ShownSubject(IRenderedComponent<ClassifyWorkspace> cut) =>
        long.Parse(cut.Find("[data-player=subject]").GetAttribute("data-subject-id")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Interactive_NextSubjectsPlotAndSoundAreRequestedWhileTheFirstIsOnScreen()
    {
        var cut = RenderWorkspace();

        cut.WaitForAssertion(() => Assert.Equal("12", cut.Find("[data-testid=upcoming]").GetAttribute("data-subject-id")));
        Assert.Equal((11L, (long?)12), Assert.Single(Backend.Preloads));
        Assert.Equal(11, ShownSubject(cut));
        Assert.StartsWith("media/subjects/12/plot.png", cut.Find("[data-testid=upcoming] img").GetAttribute("src"), StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal("media/subjects/12/audio.wav", Module.VerifyInvoke("preloadSound").Arguments[0]));
    }

    [Fact]
    public async Task Answer_ShowsThePreloadedSubjectAndPreloadsTheOneAfter()
    {
        var cut = RenderWorkspace();
        cut.WaitForAssertion(() => Assert.Single(Backend.Preloads));

        await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(11, cut.Instance.Snapshot!.Key, DefaultAnswers.Noise, 1000));

        cut.WaitForAssertion(() => Assert.Equal(12, ShownSubject(cut)));
        cut.WaitForAssertion(() => Assert.Equal([(11L, (long?)12), (12L, (long?)13)], Backend.Preloads));
        Assert.Equal("13", cut.Find("[data-testid=upcoming]").GetAttribute("data-subject-id"));
    }

    [Fact]
    public async Task Answer_PreloadedSubjectClosedMeanwhile_TakesAFreshOneInstead()
    {
        var cut = RenderWorkspace();
        cut.WaitForAssertion(() => Assert.Single(Backend.Preloads));
        Backend.Resumable.Remove(12);

        await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(11, cut.Instance.Snapshot!.Key, DefaultAnswers.Noise, 1000));

        cut.WaitForAssertion(() => Assert.Equal(13, ShownSubject(cut)));
    }

    [Fact]
    public async Task Leaving_ReleasesThePreloadedSubject()
    {
        var cut = RenderWorkspace();
        cut.WaitForAssertion(() => Assert.Single(Backend.Preloads));
        Assert.DoesNotContain(12L, Backend.Released);

        await cut.Instance.DisposeAsync();

        Assert.Contains(12L, Backend.Released);
    }
}
