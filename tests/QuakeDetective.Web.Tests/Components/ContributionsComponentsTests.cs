using Bunit;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Volunteering;
using QuakeDetective.Web.Components.Pages.Contributions;

namespace QuakeDetective.Web.Tests.Components;

public sealed class ContributionsComponentsTests : ComponentTestContext
{
    private static ContributionStats Stats(int total = 12, int withConsensus = 4, int agreed = 3) =>
        ContributionStatsCalculator.Compute(
            Enumerable.Range(0, total).Select(i => new ContributionVote(
                i, i % 3 == 0 ? DefaultAnswers.Tremor : DefaultAnswers.Noise, new DateTime(2024, 5, 10, 12, 0, 0, DateTimeKind.Utc), 5000,
                i == 0 ? DefaultAnswers.Tremor : null, i < withConsensus, i < withConsensus ? (i < agreed ? (i % 3 == 0 ? DefaultAnswers.Tremor : DefaultAnswers.Noise) : DefaultAnswers.Earthquake) : null)).ToList(),
            DefaultAnswers.All, new DateOnly(2024, 5, 10));

    [Fact]
    public void Summary_ShowsCountTodayAndStreak()
    {
        var cut = Render<ContributionSummary>(p => p.Add(c => c.Stats, Stats()));

        Assert.Equal("12", cut.Find("[data-testid=contribution-count]").TextContent);
        Assert.Contains("day streak", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Breakdown_OneRowPerAnswerWithItsCount()
    {
        var cut = Render<AnswerBreakdown>(p => p.Add(c => c.Stats, Stats()));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(DefaultAnswers.All, rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(["0", "4", "8", "0"], rows.Select(r => r.QuerySelector(".bar-count")!.TextContent));
    }

    [Fact]
    public void Agreement_WithRetiredSubjects_ShowsShareAndGold()
    {
        var cut = Render<AgreementPanel>(p => p.Add(c => c.Stats, Stats()));

        Assert.Contains("75%", cut.Find(".big-number").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 of 1", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_NothingRetired_Explains()
    {
        var cut = Render<AgreementPanel>(p => p.Add(c => c.Stats, Stats(withConsensus: 0, agreed: 0)));

        Assert.Contains("has retired yet", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Milestones_ReachedAndNext()
    {
        var cut = Render<MilestonePanel>(p => p.Add(c => c.Stats, Stats()));

        Assert.Equal(["1", "10"], cut.FindAll("li.is-reached").Select(li => new string(li.TextContent.Where(char.IsDigit).ToArray())));
        Assert.Contains("13 more to reach 25", cut.Find("label").TextContent, StringComparison.Ordinal);
    }
}
