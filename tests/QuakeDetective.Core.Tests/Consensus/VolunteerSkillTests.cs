using QuakeDetective.Core.Consensus;
using static QuakeDetective.Core.Tests.Consensus.VoteBuilder;

namespace QuakeDetective.Core.Tests.Consensus;

public class VolunteerSkillTests
{
    private static readonly string[] Classes = ["Earthquake", "Tremor", "Noise"];

    [Fact]
    public void FromGold_ConfusionAndPerClassScores()
    {
        // Volunteer a on gold: 2 earthquakes (right, right), 2 tremors (Noise, Tremor), 1 noise (Tremor).
        var votes = Votes(
            Classes,
            ("e1", "a", "Earthquake"), ("e2", "a", "Earthquake"),
            ("t1", "a", "Noise"), ("t2", "a", "Tremor"),
            ("n1", "a", "Tremor"),
            ("x", "b", "Noise"));
        var gold = GoldOf(("e1", "Earthquake"), ("e2", "Earthquake"), ("t1", "Tremor"), ("t2", "Tremor"), ("n1", "Noise"));

        var skill = Assert.Single(VolunteerSkillEstimator.FromGold(votes, gold));

        Assert.Equal("a", skill.VolunteerId);
        Assert.Equal(5, skill.VoteCount);
        Assert.Equal(2, skill.Confusion["Earthquake", "Earthquake"]);
        Assert.Equal(1, skill.Confusion["Tremor", "Noise"]);
        Assert.Equal(1, skill.Confusion["Noise", "Tremor"]);
        Assert.Equal(3.0 / 5, skill.Accuracy);
        Assert.Equal(1, skill.F1("Earthquake"));
        Assert.Equal(0.5, skill.Precision("Tremor"));
        Assert.Equal(0.5, skill.Recall("Tremor"));
        Assert.Equal(0.5, skill.F1("Tremor"));
        Assert.Equal(0, skill.Precision("Noise"));
        Assert.Equal(0, skill.F1("Noise"));
    }

    [Fact]
    public void ConfusionMatrix_ClassNeverInvolved_ScoresAreNull()
    {
        var matrix = ConfusionMatrix.FromPairs(Classes, [("Earthquake", "Earthquake")]);

        Assert.Null(matrix.F1("Tremor"));
        Assert.Null(matrix.Precision("Tremor"));
        Assert.Null(matrix.Recall("Tremor"));
        Assert.Equal(1, matrix.F1("Earthquake"));
    }

    [Fact]
    public void ConfusionMatrix_AnswerProbability_LaplaceSmoothing()
    {
        var matrix = ConfusionMatrix.FromPairs(Classes, [("Earthquake", "Earthquake"), ("Earthquake", "Noise")]);

        Assert.Equal(0.5, matrix.AnswerProbability(0, 0));
        Assert.Equal(2.0 / 5, matrix.AnswerProbability(0, 0, smoothing: 1));
        Assert.Null(matrix.AnswerProbability(1, 1));
        Assert.Equal(1.0 / 3, matrix.AnswerProbability(1, 1, smoothing: 1));
    }
}
