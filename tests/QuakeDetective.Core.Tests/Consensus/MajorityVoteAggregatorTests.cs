using QuakeDetective.Core.Consensus;
using static QuakeDetective.Core.Tests.Consensus.VoteBuilder;

namespace QuakeDetective.Core.Tests.Consensus;

public class MajorityVoteAggregatorTests
{
    private static readonly string[] Classes = ["Earthquake", "Tremor", "Noise", "None of the above"];

    [Fact]
    public void Aggregate_ClearWinner_LabelConfidenceAgreementAndCounts()
    {
        var votes = Votes(Classes, ("s", "a", "Earthquake"), ("s", "b", "Earthquake"), ("s", "c", "Earthquake"), ("s", "d", "Noise"));

        var result = new MajorityVoteAggregator().Aggregate(votes, null);

        var s = Assert.Single(result.Subjects);
        Assert.Equal("majority", result.Method);
        Assert.Equal("Earthquake", s.Label);
        Assert.Equal(0.75, s.Confidence);
        Assert.Equal(0.75, s.Agreement);
        Assert.Equal(4, s.VoteCount);
        Assert.False(s.IsTie);
        Assert.Equal([3, 0, 1, 0], s.VotesPerClass);
        Assert.Equal([0.75, 0, 0.25, 0], s.Posterior);
        Assert.Equal(1, s.VotesFor("Noise"));
        Assert.Empty(result.Volunteers);
    }

    [Theory]
    [InlineData(new[] { "Noise", "Earthquake" }, "Noise")]
    [InlineData(new[] { "Earthquake", "Noise" }, "Earthquake")]
    public void Aggregate_Tie_ReportedAndBrokenByClassOrder(string[] classOrder, string expected)
    {
        var votes = Votes(classOrder, ("s", "a", "Earthquake"), ("s", "b", "Noise"), ("s", "c", "Noise"), ("s", "d", "Earthquake"));

        var s = new MajorityVoteAggregator().Aggregate(votes, null).Subjects[0];

        Assert.True(s.IsTie);
        Assert.Equal(expected, s.Label);
        Assert.Equal(0.5, s.Confidence);
    }

    [Fact]
    public void Aggregate_SingleVote_FullConfidence()
    {
        var s = new MajorityVoteAggregator().Aggregate(Votes(Classes, ("s", "a", "Tremor")), null).Subjects[0];

        Assert.Equal("Tremor", s.Label);
        Assert.Equal(1, s.Confidence);
        Assert.Equal(1, s.VoteCount);
        Assert.False(s.IsTie);
    }

    [Fact]
    public void Aggregate_GoldSubject_FlaggedButCrowdLabelKept()
    {
        var votes = Votes(Classes, ("s", "a", "Noise"), ("s", "b", "Noise"));

        var s = new MajorityVoteAggregator().Aggregate(votes, GoldOf(("s", "Tremor"))).Subjects[0];

        Assert.True(s.IsGold);
        Assert.Equal("Noise", s.Label);
    }

    [Fact]
    public void Aggregate_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new MajorityVoteAggregator().Aggregate(Votes(Classes, ("s", "a", "Noise")), null, cts.Token));
    }

    [Fact]
    public void Find_ReturnsSubjectById()
    {
        var result = new MajorityVoteAggregator().Aggregate(Votes(Classes, ("s1", "a", "Noise"), ("s2", "a", "Tremor")), null);

        Assert.Equal("Tremor", result.Find("s2")!.Label);
        Assert.Null(result.Find("nope"));
    }

    [Theory]
    [InlineData("majority", typeof(MajorityVoteAggregator))]
    [InlineData("Weighted", typeof(WeightedVoteAggregator))]
    [InlineData("dawid-skene", typeof(DawidSkeneAggregator))]
    public void AggregationMethods_Create_ByName(string name, Type expected)
    {
        Assert.IsType(expected, AggregationMethods.Create(name));
    }

    [Fact]
    public void AggregationMethods_Create_UnknownName_ListsChoices()
    {
        var ex = Assert.Throws<ArgumentException>(() => AggregationMethods.Create("median"));
        Assert.Contains("majority, weighted, dawid-skene", ex.Message);
    }
}
