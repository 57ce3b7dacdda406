using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core.Tests.Volunteering;

public sealed class ContributionStatsCalculatorTests
{
    private static readonly DateOnly Today = new(2024, 5, 10);

    private static ContributionVote V(string answer, int daysAgo, string? expert = null, bool retired = false, string? consensus = null, int? ms = null, long id = 0) =>
        new(id, answer, Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), ms, expert, retired, consensus);

    [Fact]
    public void Compute_CountsAnswersInButtonOrderWithShares()
    {
        var stats = ContributionStatsCalculator.Compute(
            [V("Noise", 0), V("Noise", 0), V("Tremor", 0), V("Custom", 1)], DefaultAnswers.All, Today);

        Assert.Equal(4, stats.Total);
        Assert.Equal(3, stats.Today);
        Assert.Equal(["Earthquake", "Tremor", "Noise", "None of the above", "Custom"], stats.ByAnswer.Select(a => a.Answer));
        Assert.Equal([0, 1, 2, 0, 1], stats.ByAnswer.Select(a => a.Count));
        Assert.Equal(0.5, stats.ByAnswer[2].Share);
    }

    [Fact]
    public void Compute_AgreementOnlyOverRetiredSubjectsWithAClearConsensus()
    {
        var stats = ContributionStatsCalculator.Compute(
        [
            V("Noise", 0, retired: true, consensus: "Noise"),
            V("Tremor", 0, retired: true, consensus: "Noise"),
            V("Tremor", 0, retired: true, consensus: null),
            V("Tremor", 0, retired: false),
            V("Earthquake", 0, expert: "Earthquake"),
            V("Noise", 0, expert: "Tremor"),
        ], DefaultAnswers.All, Today);

        Assert.Equal(2, stats.WithConsensus);
        Assert.Equal(1, stats.AgreedWithConsensus);
        Assert.Equal(1, stats.AwaitingConsensus);
        Assert.Equal(0.5, stats.ConsensusAgreement);
        Assert.Equal((2, 1), (stats.GoldAnswered, stats.GoldAgreed));
    }

    [Fact]
    public void Compute_StreakEndsTodayOrYesterday_LongestIsKept()
    {
        // Days ago: 1, 2, 3 (current run of 3 ending yesterday), and 10..14 (a run of 5).
        var votes = new[] { 1, 2, 3, 3, 10, 11, 12, 13, 14 }.Select(d => V("Noise", d)).ToList();

        var stats = ContributionStatsCalculator.Compute(votes, DefaultAnswers.All, Today);

        Assert.Equal(3, stats.CurrentStreakDays);
        Assert.Equal(5, stats.LongestStreakDays);
        Assert.Equal(8, stats.ActiveDays);
        Assert.Equal(0, ContributionStatsCalculator.Compute([V("Noise", 2)], DefaultAnswers.All, Today).CurrentStreakDays);
    }

    [Theory]
    [InlineData(0, null, 1)]
    [InlineData(1, 1, 10)]
    [InlineData(9, 1, 10)]
    [InlineData(10, 10, 25)]
    [InlineData(260, 250, 500)]
    public void Compute_Milestones(int total, int? last, int? next)
    {
        var stats = ContributionStatsCalculator.Compute(Enumerable.Range(0, total).Select(_ => V("Noise", 0)).ToList(), DefaultAnswers.All, Today);

        Assert.Equal(last, stats.LastMilestone);
        Assert.Equal(next, stats.NextMilestone);
    }

    [Fact]
    public void Compute_MedianTimeIgnoresUnknownDurations()
    {
        var stats = ContributionStatsCalculator.Compute([V("Noise", 0, ms: 4000), V("Noise", 0, ms: 10000), V("Noise", 0, ms: null), V("Noise", 0, ms: 6000)], DefaultAnswers.All, Today);

        Assert.Equal(6, stats.MedianSeconds);
    }
}
