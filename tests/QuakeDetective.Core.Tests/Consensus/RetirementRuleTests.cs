using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Core.Tests.Consensus;

public class RetirementRuleTests
{
    // Counts are "Earthquake,Tremor,Noise,None"; the default rule: all of 4–5, ≥ 80 % of 6–7, ≥ 70 % of 8–10, limit 10.
    [Theory]
    [InlineData("0,0,0,0", false, RetirementReason.None)]
    [InlineData("3,0,0,0", false, RetirementReason.None)] // below the first range
    [InlineData("4,0,0,0", true, RetirementReason.EarlyConsensus)]
    [InlineData("3,1,0,0", false, RetirementReason.None)]
    [InlineData("5,0,0,0", true, RetirementReason.EarlyConsensus)]
    [InlineData("4,1,0,0", false, RetirementReason.None)]
    [InlineData("5,1,0,0", true, RetirementReason.EarlyConsensus)] // 83 % of 6
    [InlineData("4,2,0,0", false, RetirementReason.None)] // 67 % of 6
    [InlineData("6,1,0,0", true, RetirementReason.EarlyConsensus)] // 86 % of 7
    [InlineData("5,2,0,0", false, RetirementReason.None)] // 71 % of 7
    [InlineData("6,2,0,0", true, RetirementReason.EarlyConsensus)] // 75 % of 8
    [InlineData("5,3,0,0", false, RetirementReason.None)]
    [InlineData("7,3,0,0", true, RetirementReason.EarlyConsensus)] // exactly 70 % of 10
    [InlineData("6,4,0,0", true, RetirementReason.VoteLimit)]
    [InlineData("3,3,2,2", true, RetirementReason.VoteLimit)]
    [InlineData("6,5,0,0", true, RetirementReason.VoteLimit)] // past the limit (e.g. votes raced in)
    public void Evaluate_DefaultRule(string counts, bool retire, RetirementReason reason)
    {
        var values = counts.Split(',').Select(int.Parse).ToArray();
        var answers = new[] { "Earthquake", "Tremor", "Noise", "None of the above" };
        var dictionary = answers.Zip(values).ToDictionary(p => p.First, p => p.Second);

        var decision = new RetirementRule().Evaluate(dictionary);

        Assert.Equal(retire, decision.Retire);
        Assert.Equal(reason, decision.Reason);
        Assert.Equal(values.Sum(), decision.VoteCount);
    }

    [Fact]
    public void Evaluate_ReportsLeadingAnswerAndAgreement()
    {
        var decision = new RetirementRule().Evaluate(new Dictionary<string, int> { ["Noise"] = 7, ["Tremor"] = 3 });

        Assert.Equal("Noise", decision.LeadingAnswer);
        Assert.Equal(0.7, decision.Agreement, 12);
    }

    [Fact]
    public void Evaluate_TiedLeadIsNeverConsensus()
    {
        var rule = new RetirementRule { Thresholds = [new ConsensusThreshold(2, 10, 0.5)] };

        var decision = rule.Evaluate(new Dictionary<string, int> { ["Noise"] = 2, ["Tremor"] = 2 });

        Assert.False(decision.Retire);
        Assert.Null(decision.LeadingAnswer);
    }

    [Fact]
    public void Evaluate_CustomRule_VoteLimitOnly()
    {
        var rule = new RetirementRule { MaxVotes = 3, Thresholds = [] };

        Assert.False(rule.Evaluate(new Dictionary<string, int> { ["Noise"] = 2 }).Retire);
        Assert.Equal(RetirementReason.VoteLimit, rule.Evaluate(new Dictionary<string, int> { ["Noise"] = 3 }).Reason);
    }

    [Fact]
    public void Evaluate_NegativeCount_Rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RetirementRule().Evaluate(new Dictionary<string, int> { ["Noise"] = -1 }));
        Assert.Contains("'Noise'", ex.Message);
    }

    [Fact]
    public void Validate_DefaultRuleIsValid()
    {
        Assert.Empty(new RetirementRule().Validate());
    }

    [Theory]
    [InlineData(0, 4, 5, 1.0, "vote limit must be at least 1")]
    [InlineData(10, 4, 5, 0.0, "required agreement must be above 0 and at most 1")]
    [InlineData(10, 4, 5, 1.5, "required agreement must be above 0 and at most 1")]
    [InlineData(10, 6, 5, 0.8, "largest vote count (5) is below the smallest (6)")]
    [InlineData(10, 0, 5, 0.8, "smallest vote count must be at least 1")]
    [InlineData(10, 12, 15, 0.8, "starts above the vote limit of 10")]
    public void Validate_BadRule_ClearMessage(int maxVotes, int min, int max, double agreement, string expected)
    {
        var rule = new RetirementRule { MaxVotes = maxVotes, Thresholds = [new ConsensusThreshold(min, max, agreement)] };

        Assert.Contains(rule.Validate(), e => e.Contains(expected, StringComparison.Ordinal));
        var ex = Assert.Throws<ArgumentException>(() => rule.Evaluate(new Dictionary<string, int>()));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Validate_OverlappingRanges_Rejected()
    {
        var rule = new RetirementRule { Thresholds = [new(4, 6, 1.0), new(6, 7, 0.8)] };

        var error = Assert.Single(rule.Validate());
        Assert.Contains("overlaps consensus threshold 1 (4–6 votes)", error);
    }
}
