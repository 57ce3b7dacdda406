using Bunit;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Queue;
using QuakeDetective.Core.Volunteering;
using QuakeDetective.Web.Components.Pages.Classify;

namespace QuakeDetective.Web.Tests.Components;

public sealed class ClassifyPanelsTests : ComponentTestContext
{
    [Fact]
    public void AnswerPanel_FourChoices_NumberedButtonsWithTheChosenOnePressed()
    {
        var cut = Render<AnswerPanel>(p => p.Add(c => c.Choices, DefaultAnswers.All).Add(c => c.Selected, 1));

        var buttons = cut.FindAll("button[data-answer]");
        Assert.Equal(DefaultAnswers.All, buttons.Select(b => b.GetAttribute("data-answer")));
        Assert.Equal(["1", "2", "3", "4"], buttons.Select(b => b.GetAttribute("aria-keyshortcuts")));
        Assert.Equal(["false", "true", "false", "false"], buttons.Select(b => b.GetAttribute("aria-pressed")));
        Assert.Equal("Tremor", buttons[1].QuerySelector(".answer-label")!.TextContent);
        Assert.Contains("None of the above", cut.Find("#answer-help").TextContent, StringComparison.Ordinal);
        Assert.All(buttons, b => Assert.Null(b.GetAttribute("aria-disabled")));
    }

    [Fact]
    public void AnswerPanel_WhileSaving_ButtonsStayFocusableButMarkedBusy()
    {
        var cut = Render<AnswerPanel>(p => p.Add(c => c.Choices, DefaultAnswers.All).Add(c => c.Busy, true));

        Assert.All(cut.FindAll("button[data-answer]"), b =>
        {
            Assert.Equal("true", b.GetAttribute("aria-disabled"));
            Assert.False(b.HasAttribute("disabled"));
        });
    }

    [Fact]
    public void GoldFeedback_Disagreed_SaysWhatExpertsSaidAndWhy()
    {
        var continued = 0;
        var cut = Render<GoldFeedbackPanel>(p => p
            .Add(c => c.Feedback, new GoldFeedback(5, DefaultAnswers.Tremor, "It swells slowly in bursts.", DefaultAnswers.Noise))
            .Add(c => c.OnContinue, () => continued++));

        Assert.Contains("Experts labelled this Tremor — here is why:", cut.Find(".feedback-lead").TextContent, StringComparison.Ordinal);
        Assert.Equal("It swells slowly in bursts.", cut.Find(".feedback-why").TextContent);
        Assert.Contains("You answered Noise", cut.Markup.Replace("<strong>", "", StringComparison.Ordinal).Replace("</strong>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("feedback-differ", cut.Find("section").ClassName, StringComparison.Ordinal);
        cut.Find("[data-action=continue]").Click();
        Assert.Equal(1, continued);
    }

    [Fact]
    public void GoldFeedback_Agreed_Congratulates()
    {
        var cut = Render<GoldFeedbackPanel>(p => p
            .Add(c => c.Feedback, new GoldFeedback(5, DefaultAnswers.Tremor, "", DefaultAnswers.Tremor))
            .Add(c => c.OnContinue, () => { }));

        Assert.Contains("Well spotted", cut.Find("h2").TextContent, StringComparison.Ordinal);
        Assert.Contains("field guide", cut.Find(".feedback-why").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_WithAnotherCampaign_LinksToIt()
    {
        var cut = Render<FinishedPanel>(p => p.Add(c => c.Suggestion, new CampaignSuggestion(4, "Cascadia tremor", "Slow slip")).Add(c => c.SessionCount, 3));

        var link = cut.Find("a.button-primary");
        Assert.Equal("classify?campaign=4", link.GetAttribute("href"));
        Assert.Contains("Cascadia tremor", link.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 seismograms", cut.Markup.Replace("<strong>", "", StringComparison.Ordinal).Replace("</strong>", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_NothingElse_NoCampaignLink()
    {
        var cut = Render<FinishedPanel>();

        Assert.Empty(cut.FindAll("a.button-primary"));
        Assert.Contains("thank you", cut.Find("h2").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ViewControls_HorizontalsFromSpectrogram_SwitchesBackToWaveform()
    {
        bool? spectrogram = null;
        bool? horizontals = null;
        var cut = Render<ViewControls>(p => p.Add(c => c.Spectrogram, true).Add(c => c.Horizontals, false).Add(c => c.HasHorizontals, true)
            .Add(c => c.SpectrogramChanged, v => spectrogram = v).Add(c => c.HorizontalsChanged, v => horizontals = v));

        Assert.Equal("true", cut.Find("[data-action=toggle-spectrogram]").GetAttribute("aria-pressed"));
        cut.Find("[data-action=toggle-horizontals]").Click();

        Assert.Equal((false, true), (spectrogram, horizontals));
    }
}
