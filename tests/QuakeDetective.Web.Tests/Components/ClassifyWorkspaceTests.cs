using Bunit;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;
using QuakeDetective.Core.Volunteering;
using QuakeDetective.Web.Components.Pages.Classify;

namespace QuakeDetective.Web.Tests.Components;

public sealed class ClassifyWorkspaceTests : ComponentTestContext
{
    private const long Volunteer = 77;

    private IRenderedComponent<ClassifyWorkspace> RenderWorkspace(BrowserRestore? kept = null, bool tutorial = false)
    {
        Module.Setup<BrowserRestore?>("attach", _ => true).SetResult(kept ?? new BrowserRestore());
        var cut = Render<ClassifyWorkspace>(p => p.Add(c => c.VolunteerId, Volunteer).Add(c => c.ShowTutorial, tutorial));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".classify").GetAttribute("data-interactive")));
        return cut;
    }

    private static string Key(IRenderedComponent<ClassifyWorkspace> cut) => cut.Instance.Snapshot!.Key;

    private static long ShownSubject(IRenderedComponent<ClassifyWorkspace> cut) => long.Parse(cut.Find("[data-player=subject]").GetAttribute("data-subject-id")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void FirstRender_ShowsTheQueuedSubjectReadyToAnswer()
    {
        var cut = RenderWorkspace();

        Assert.Equal(11, ShownSubject(cut));
        Assert.Equal("answering", cut.Find(".classify").GetAttribute("data-phase"));
        Assert.Equal(4, cut.FindAll("button[data-answer]").Count);
        Assert.Equal("0", cut.Find("[data-testid=session-count]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tutorial]"));
        Module.VerifyInvoke("showSubject");
    }

    [Fact]
    public async Task Submit_CurrentSubject_StoresWithItsKeyAndShowsTheNext()
    {
        var cut = RenderWorkspace();
        var key = Key(cut);

        var outcome = await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(11, key, DefaultAnswers.Tremor, 4200));

        Assert.Equal("created", outcome);
        var vote = Assert.Single(Backend.Submitted);
        Assert.Equal((Volunteer, 11L, DefaultAnswers.Tremor, key), (vote.VolunteerId, vote.SubjectId, vote.Answer, vote.IdempotencyKey));
        Assert.NotNull(vote.StartedAt);
        cut.WaitForAssertion(() => Assert.Equal(12, ShownSubject(cut)));
        Assert.NotEqual(key, Key(cut));
        Assert.Equal("1", cut.Find("[data-testid=session-count]").TextContent);
        Assert.Contains(11L, Backend.Released);
    }

    [Fact]
    public async Task Submit_TwiceWhileSaving_SecondIsRefusedAndOneVoteIsStored()
    {
        var cut = RenderWorkspace();
        var key = Key(cut);
        Backend.SubmitGate = new TaskCompletionSource();

        var first = cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(11, key, DefaultAnswers.Noise, 1000));
        var second = await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(11, key, DefaultAnswers.Noise, 1000));
        Assert.Equal("saving", cut.Find(".classify").GetAttribute("data-phase"));
        Backend.SubmitGate.SetResult();

        Assert.Equal("busy", second);
        Assert.Equal("created", await first);
        Assert.Single(Backend.Submitted);
    }

    [Fact]
    public async Task Submit_GoldSubject_ShowsExpertFeedbackThenContinues()
    {
        Backend.Gold[11] = new GoldFeedback(11, DefaultAnswers.Tremor, "It swells slowly.", "");
        var cut = RenderWorkspace();

        await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(11, Key(cut), DefaultAnswers.Noise, 900));

        cut.WaitForAssertion(() => Assert.Equal("feedback", cut.Find(".classify").GetAttribute("data-phase")));
        Assert.Contains("Experts labelled this Tremor", cut.Find("[data-testid=gold-feedback]").TextContent, StringComparison.Ordinal);
        Assert.Contains("You answered Noise", cut.Find("[data-testid=gold-feedback]").TextContent, StringComparison.Ordinal);
        Assert.Equal(11, ShownSubject(cut));
        Assert.Empty(cut.FindAll("button[data-answer]"));

        cut.Find("[data-action=continue]").Click();

        cut.WaitForAssertion(() => Assert.Equal(12, ShownSubject(cut)));
        Assert.Equal("answering", cut.Find(".classify").GetAttribute("data-phase"));
    }

    [Fact]
    public async Task Submit_ResendFromBeforeAReconnect_IsStoredWithoutChangingTheSubject()
    {
        var cut = RenderWorkspace();

        var outcome = await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(99, "old-key", DefaultAnswers.Earthquake, 3000));
        var again = await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(99, "old-key", DefaultAnswers.Earthquake, 3000));

        Assert.Equal(("created", "replayed"), (outcome, again));
        Assert.Equal(11, ShownSubject(cut));
        Assert.Single(Backend.Submitted, s => s.SubjectId == 99 && s.IdempotencyKey == "old-key");
    }

    [Fact]
    public async Task Submit_StoreFails_KeepsTheSubjectAndAsksTheBrowserToRetry()
    {
        var cut = RenderWorkspace();
        Backend.SubmitFailure = new InvalidOperationException("database is locked");

        var outcome = await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(11, Key(cut), DefaultAnswers.Noise, 500));

        Assert.Equal("error", outcome);
        Assert.Equal(11, ShownSubject(cut));
        Assert.Equal("answering", cut.Find(".classify").GetAttribute("data-phase"));
        Assert.Contains("will be sent again", cut.Find(".notice-warning").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_PendingAnswerForTheShownSubject_IsSentWithTheKeptKey()
    {
        var kept = new BrowserRestore { Pending = new BrowserRestore.PendingAnswer { SubjectId = 11, Key = "kept-key", Answer = DefaultAnswers.Noise, ElapsedMs = 2500 } };

        var cut = RenderWorkspace(kept);

        var vote = Assert.Single(Backend.Submitted);
        Assert.Equal((11L, "kept-key", DefaultAnswers.Noise), (vote.SubjectId, vote.IdempotencyKey, vote.Answer));
        cut.WaitForAssertion(() => Assert.Equal(12, ShownSubject(cut)));
        Module.VerifyInvoke("forgetPending");
    }

    [Fact]
    public void Restore_SubjectOnScreenBeforeTheReload_ComesBackWithItsKeyAndChoice()
    {
        Backend.Resumable.Add(40);
        var kept = new BrowserRestore { Current = new BrowserRestore.ShownSubject { SubjectId = 40, Key = "screen-key", Selected = 2 } };

        var cut = RenderWorkspace(kept);

        cut.WaitForAssertion(() => Assert.Equal(40, ShownSubject(cut)));
        Assert.Equal("screen-key", Key(cut));
        Assert.Equal("true", cut.FindAll("button[data-answer]")[2].GetAttribute("aria-pressed"));
        Assert.Contains(11L, Backend.Released);
    }

    [Fact]
    public void Restore_SubjectNoLongerOpen_KeepsTheQueuedOne()
    {
        var kept = new BrowserRestore { Current = new BrowserRestore.ShownSubject { SubjectId = 41, Key = "gone", Selected = 1 } };

        var cut = RenderWorkspace(kept);

        Assert.Equal(11, ShownSubject(cut));
        Assert.NotEqual("gone", Key(cut));
    }

    [Fact]
    public async Task Select_KeyboardChoice_IsShownPressed()
    {
        var cut = RenderWorkspace();

        await cut.InvokeAsync(() => cut.Instance.Select(3));

        Assert.Equal(["false", "false", "false", "true"], cut.FindAll("button[data-answer]").Select(b => b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task QueueEmpty_SaysThankYouAndPointsToAnotherCampaign()
    {
        Backend.Suggestion = new CampaignSuggestion(9, "Another", "");
        var cut = RenderWorkspace();
        foreach (var id in new long[] { 11, 12, 13 })
        {
            await cut.InvokeAsync(() => cut.Instance.SubmitFromBrowser(id, Key(cut), DefaultAnswers.Noise, 100));
        }

        cut.WaitForAssertion(() => Assert.Equal("finished", cut.Find(".classify").GetAttribute("data-phase")));
        Assert.Equal("classify?campaign=9", cut.Find("[data-testid=finished] a.button-primary").GetAttribute("href"));
        Assert.Equal("3", cut.Find("[data-testid=session-count]").TextContent);
    }

    [Fact]
    public void FirstVisit_TutorialAboveTheSubject()
    {
        var cut = RenderWorkspace(tutorial: true);

        Assert.NotNull(cut.Find("[data-testid=tutorial]"));
        Assert.NotNull(cut.Find("[data-player=subject]"));
    }

    [Fact]
    public void FirstVisit_ExamplesCannotBeRead_TutorialStillOpensWithoutRecordings()
    {
        Backend.ExamplesFailure = new InvalidOperationException("database hiccup");

        var cut = RenderWorkspace(tutorial: true);

        Assert.NotNull(cut.Find("[data-testid=tutorial]"));
        Assert.NotNull(cut.Find("[data-player=subject]"));
    }
}
