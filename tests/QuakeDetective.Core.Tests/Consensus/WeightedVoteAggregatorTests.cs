using QuakeDetective.Core.Consensus;
using static QuakeDetective.Core.Tests.Consensus.VoteBuilder;

namespace QuakeDetective.Core.Tests.Consensus;

public class WeightedVoteAggregatorTests
{
    private static readonly string[] Classes = ["Earthquake", "Noise"];

    // Gold g1 = Earthquake, g2 = Noise. Volunteer a is right on both; b always answers Noise.
    // On subject x, a says Earthquake and b says Noise.
    private static VoteSet Campaign() => Votes(
        Classes,
        ("g1", "a", "Earthquake"), ("g2", "a", "Noise"),
        ("g1", "b", "Noise"), ("g2", "b", "Noise"),
        ("x", "a", "Earthquake"), ("x", "b", "Noise"));

    private static GoldLabels CampaignGold() => GoldOf(("g1", "Earthquake"), ("g2", "Noise"));

    [Fact]
    public void Aggregate_NoPrior_WeightsAreRawF1AgainstGold()
    {
        // a: F1(Earthquake) = 1. b: F1(Noise) = 2·1 / (row 1 + column 2) = 2/3.
        var result = new WeightedVoteAggregator(new WeightedVoteOptions { PriorStrength = 0 }).Aggregate(Campaign(), CampaignGold());

        var x = result.Find("x")!;
        Assert.Equal("Earthquake", x.Label);
        Assert.Equal(1 / (1 + (2.0 / 3)), x.Confidence, 12);
        Assert.Equal(0.5, x.Agreement);
        var b = result.Volunteers.Single(v => v.VolunteerId == "b");
        Assert.Equal(0, b.ClassWeights![0], 12);
        Assert.Equal(2.0 / 3, b.ClassWeights[1], 12);
        Assert.Equal(VolunteerSkillSource.Gold, b.Source);
    }

    [Fact]
    public void Aggregate_WithPrior_SmoothsTowardsPooledF1AndCanFlipTheLabel()
    {
        // Pooled gold: F1(Earthquake) = 2·1/(2+1) = 2/3, F1(Noise) = 2·2/(2+3) = 4/5. Prior strength m = 5.
        // a's Earthquake weight: n = 1 gold vote, F1 = 1 → (1·1 + 5·2/3) / 6 = 13/18.
        // b's Noise weight: n = 2, F1 = 2/3 → (2·2/3 + 5·4/5) / 7 = 16/21.
        var result = new WeightedVoteAggregator(new WeightedVoteOptions { PriorStrength = 5 }).Aggregate(Campaign(), CampaignGold());

        var x = result.Find("x")!;
        Assert.Equal("Noise", x.Label);
        Assert.Equal((16.0 / 21) / ((16.0 / 21) + (13.0 / 18)), x.Confidence, 12);
        Assert.Equal(13.0 / 18, result.Volunteers.Single(v => v.VolunteerId == "a").ClassWeights![0], 12);
    }

    [Fact]
    public void Aggregate_VolunteerWithoutGold_GetsPooledPrior()
    {
        var votes = Votes(Classes, ("g1", "a", "Earthquake"), ("g1", "b", "Noise"), ("x", "newcomer", "Noise"));

        var result = new WeightedVoteAggregator().Aggregate(votes, GoldOf(("g1", "Earthquake")));

        // Pooled: [E,E] = 1, [E,N] = 1 → F1(E) = 2/3, F1(N) = 0 (answered, never right).
        var newcomer = result.Volunteers.Single(v => v.VolunteerId == "newcomer");
        Assert.Equal(2.0 / 3, newcomer.ClassWeights![0], 12);
        Assert.Equal(0, newcomer.ClassWeights[1], 12);
        Assert.Equal(0, newcomer.VoteCount);
    }

    [Fact]
    public void Aggregate_NoGold_SameLabelsAsMajority()
    {
        var votes = Votes(Classes, ("s", "a", "Noise"), ("s", "b", "Noise"), ("s", "c", "Earthquake"), ("t", "a", "Earthquake"));

        var weighted = new WeightedVoteAggregator().Aggregate(votes, null);
        var majority = new MajorityVoteAggregator().Aggregate(votes, null);

        Assert.Equal(majority.Subjects.Select(s => (s.Label, s.Confidence)), weighted.Subjects.Select(s => (s.Label, s.Confidence)));
    }

    [Fact]
    public void Aggregate_FixedWeightZero_IgnoresThatVolunteer()
    {
        var votes = Votes(Classes, ("s", "bot", "Noise"), ("s", "bot2", "Noise"), ("s", "a", "Earthquake"));
        var options = new WeightedVoteOptions { VolunteerWeights = new Dictionary<string, double> { ["bot"] = 0, ["bot2"] = 0 } };

        var s = new WeightedVoteAggregator(options).Aggregate(votes, null).Subjects[0];

        Assert.Equal("Earthquake", s.Label);
        Assert.Equal(1, s.Confidence);
    }

    [Fact]
    public void Aggregate_EqualWeights_ReportsTie()
    {
        var s = new WeightedVoteAggregator().Aggregate(Votes(["Noise", "Earthquake"], ("s", "a", "Earthquake"), ("s", "b", "Noise")), null).Subjects[0];

        Assert.True(s.IsTie);
        Assert.Equal("Noise", s.Label);
    }

    [Fact]
    public void Aggregate_NegativeFixedWeight_RejectedWithMessage()
    {
        var options = new WeightedVoteOptions { VolunteerWeights = new Dictionary<string, double> { ["a"] = -1 } };

        var ex = Assert.Throws<ArgumentException>(() => new WeightedVoteAggregator(options).Aggregate(Votes(Classes, ("s", "a", "Noise")), null));
        Assert.Contains("'a'", ex.Message);
    }
}
