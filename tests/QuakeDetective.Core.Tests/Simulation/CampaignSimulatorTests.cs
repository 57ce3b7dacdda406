using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Simulation;

namespace QuakeDetective.Core.Tests.Simulation;

public class CampaignSimulatorTests
{
    private static CampaignSimulationOptions Small(int seed) => new() { Subjects = 4000, Volunteers = 300, VotesPerSubject = 7, Seed = seed };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_VariedSkill_DawidSkeneBeatsMajorityByAMargin(int seed)
    {
        var result = new CampaignSimulator(Small(seed)).Run();

        var majority = result.AccuracyOf(AggregationMethods.Majority).Accuracy;
        var dawidSkene = result.AccuracyOf(AggregationMethods.DawidSkene).Accuracy;
        // Dawid–Skene learns that tremor is often heard as noise and discounts the careless volunteers.
        Assert.True(dawidSkene >= majority + 0.01, $"Dawid–Skene {dawidSkene:F4} vs majority {majority:F4}");
        Assert.True(1 - dawidSkene <= 0.75 * (1 - majority), $"error {1 - dawidSkene:F4} vs majority's {1 - majority:F4}");
        Assert.True(result.AccuracyOf(AggregationMethods.DawidSkene).PerClass["Tremor"] > result.AccuracyOf(AggregationMethods.Majority).PerClass["Tremor"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_EqualSymmetricSkill_DawidSkeneMatchesMajority(int seed)
    {
        // Every volunteer right 70 % of the time, errors uniform, classes equally likely: majority is already
        // the best rule, so Dawid–Skene can only match it. Enough votes per volunteer (≈ 400) that its 16
        // confusion cells per volunteer are estimated well; with a few dozen it overfits and falls behind.
        var options = Small(seed) with
        {
            Volunteers = 50,
            UniformAccuracy = 0.7,
            SpammerFraction = 0,
            ActivityShape = null,
            ClassPriors = [1, 1, 1, 1],
            VotesPerSubject = 5,
        };

        var result = new CampaignSimulator(options).Run();

        var majority = result.AccuracyOf(AggregationMethods.Majority).Accuracy;
        var dawidSkene = result.AccuracyOf(AggregationMethods.DawidSkene).Accuracy;
        Assert.True(Math.Abs(dawidSkene - majority) <= 0.01, $"Dawid–Skene {dawidSkene:F4} vs majority {majority:F4}");
        Assert.True(majority > 0.8, $"majority {majority:F4}");
    }

    [Fact]
    public void Generate_DefaultsReproduceTheOriginalProjectsVolunteerQuality()
    {
        var result = new CampaignSimulator(Small(3) with { VotesPerSubject = 10 }).Run([new MajorityVoteAggregator()]);

        var tremor = result.MeanVolunteerF1["Tremor"]!.Value;
        var earthquake = result.MeanVolunteerF1["Earthquake"]!.Value;
        Assert.InRange(tremor, 0.33, 0.5);
        Assert.InRange(earthquake, 0.7, 0.86);
    }

    [Fact]
    public void Generate_ShapeOfTheCampaign()
    {
        var campaign = new CampaignSimulator(Small(4)).Generate();

        Assert.Equal(4000, campaign.Subjects.Count);
        Assert.Equal(4000 * 7, campaign.VoteSet.VoteCount);
        Assert.Equal(0, campaign.VoteSet.DuplicateCount);
        Assert.All(campaign.VoteSet.SubjectIds, s => Assert.Equal(7, campaign.Votes.Count(v => v.SubjectId == s) > 0 ? 7 : 0));

        // Noise common, tremor rare.
        var shares = campaign.Subjects.GroupBy(s => s.TrueLabel).ToDictionary(g => g.Key, g => g.Count() / 4000.0);
        Assert.True(shares["Noise"] > 0.45 && shares["Tremor"] < 0.1, string.Join(", ", shares));

        // Heavy-tailed activity: the busiest 5 % of volunteers cast a large share of the votes.
        var perVolunteer = campaign.Votes.GroupBy(v => v.VolunteerId).Select(g => g.Count()).OrderDescending().ToList();
        var top = perVolunteer.Take(300 / 20).Sum() / (double)campaign.Votes.Count;
        Assert.True(top > 0.2, $"top 5 % cast {top:P0}");

        // Careless volunteers are present; gold is about 5 %.
        Assert.Contains(campaign.Volunteers, v => v.Kind == SimulatedVolunteerKind.ConstantSpammer);
        Assert.InRange(campaign.Gold.Count, 120, 290);
    }

    [Fact]
    public void Generate_SameSeedSameCampaign_DifferentSeedDifferent()
    {
        var a = new CampaignSimulator(Small(5) with { Subjects = 300 }).Generate();
        var b = new CampaignSimulator(Small(5) with { Subjects = 300 }).Generate();
        var c = new CampaignSimulator(Small(6) with { Subjects = 300 }).Generate();

        Assert.Equal(a.Votes, b.Votes);
        Assert.NotEqual(a.Votes, c.Votes);
    }

    [Fact]
    public void Run_ExposesTrueAndConsensusLabelsForLaterStages()
    {
        var result = new CampaignSimulator(Small(7) with { Subjects = 200 }).Run();

        var labels = result.ConsensusLabels(AggregationMethods.DawidSkene);
        Assert.Equal(200, labels.Count);
        Assert.All(result.Campaign.Subjects, s => Assert.Contains(labels[s.Id], result.Campaign.Classes));
    }

    [Theory]
    [InlineData(0, 10, 5, "number of subjects")]
    [InlineData(10, 3, 5, "only 3")]
    [InlineData(10, 10, 0, "votes per subject")]
    public void Generate_BadOptions_ClearMessage(int subjects, int volunteers, int votes, string expected)
    {
        var options = new CampaignSimulationOptions { Subjects = subjects, Volunteers = volunteers, VotesPerSubject = votes };

        var ex = Assert.Throws<ArgumentException>(() => new CampaignSimulator(options).Generate());
        Assert.Contains(expected, ex.Message);
    }
}
