using Bunit;
using QuakeDetective.Core.Domain;
using QuakeDetective.Web.Components.Pages.Tutorial;

namespace QuakeDetective.Web.Tests.Components;

public sealed class TutorialPanelTests : ComponentTestContext
{
    [Fact]
    public void Steps_WelcomeThenOneRealExamplePerAnswerThenHowToAnswer()
    {
        var cut = Render<TutorialPanel>();
        Assert.Contains("Welcome", cut.Find("h2").TextContent, StringComparison.Ordinal);
        Assert.Contains("step 1 of 6", cut.Find(".tutorial-progress").TextContent, StringComparison.Ordinal);

        for (var i = 0; i < DefaultAnswers.All.Count; i++)
        {
            cut.Find("[data-action=tutorial-next]").Click();
            Assert.Contains(DefaultAnswers.All[i], cut.Find("h2").TextContent, StringComparison.Ordinal);
            Assert.Equal($"media/subjects/{900 + i}/plot.png?w=640&h=260&horizontals=false", cut.Find("img[data-testid=tutorial-plot]").GetAttribute("src"));
            Assert.NotNull(cut.Find("audio[data-testid=tutorial-audio]"));
            Assert.Contains("Why " + DefaultAnswers.All[i], cut.Markup, StringComparison.Ordinal);
        }

        cut.Find("[data-action=tutorial-next]").Click();
        Assert.Contains("Your turn", cut.Find("h2").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-action=tutorial-next]"));
    }

    [Fact]
    public void Finish_RemembersTheTutorialAndTellsThePage()
    {
        var finished = 0;
        var cut = Render<TutorialPanel>(p => p.Add(c => c.OnFinished, () => finished++));
        for (var i = 0; i < 5; i++)
        {
            cut.Find("[data-action=tutorial-next]").Click();
        }

        cut.Find("[data-action=tutorial-finish]").Click();

        Assert.Equal(1, finished);
        Module.VerifyInvoke("setTutorialDone");
    }

    [Fact]
    public void Buttons_NeverNamedLikeAnAnswer_SoAnswerButtonsStayUnambiguous()
    {
        var cut = Render<TutorialPanel>();
        for (var i = 0; i < 6; i++)
        {
            foreach (var button in cut.FindAll("button"))
            {
                Assert.DoesNotContain(DefaultAnswers.All, a => button.TextContent.Contains(a, StringComparison.OrdinalIgnoreCase));
            }

            if (cut.FindAll("[data-action=tutorial-next]").Count > 0)
            {
                cut.Find("[data-action=tutorial-next]").Click();
            }
        }
    }
}
