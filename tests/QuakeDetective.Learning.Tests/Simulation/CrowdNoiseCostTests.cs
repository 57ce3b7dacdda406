using QuakeDetective.Core.Simulation;
using QuakeDetective.Learning.Simulation;

namespace QuakeDetective.Learning.Tests.Simulation;

public class CrowdNoiseCostTests
{
    private static CrowdNoiseResult Run(double? uniformAccuracy, int seed) =>
        CrowdNoiseCost.Run(
            new CampaignSimulator(new CampaignSimulationOptions { Subjects = 400, Volunteers = 40, VotesPerSubject = 5, Seed = seed, UniformAccuracy = uniformAccuracy, SpammerFraction = uniformAccuracy is null ? 0.08 : 0 }).Run(),
            new CrowdNoiseOptions { Subjects = 300, WindowSeconds = 60 });

    [Fact]
    public void Run_PerfectVolunteers_ConsensusModelsMatchTheTrueLabelModel()
    {
        var result = Run(uniformAccuracy: 1.0, seed: 3);

        Assert.Equal(["true labels", "majority", "dawid-skene"], result.Rows.Select(r => r.Labels));
        Assert.Equal(60, result.TestSubjects);
        Assert.All(result.Rows, r => Assert.Equal(1.0, r.LabelAgreement));
        var truth = result.Rows[0].Metrics!;
        Assert.All(result.Rows.Skip(1), r => Assert.Equal(truth.Accuracy, r.Metrics!.Accuracy));
        Assert.True(truth.Accuracy > 0.6, $"accuracy {truth.Accuracy}");
    }

    [Fact]
    public void Run_NoisyCrowd_TrainingLabelsDisagreeWithTruth_AndReportsEveryClass()
    {
        var result = Run(uniformAccuracy: null, seed: 4);

        Assert.True(result.Rows.Single(r => r.Labels == "majority").LabelAgreement < 1.0);
        var table = CrowdNoiseCost.FormatTable(result);
        Assert.Contains("cost of crowd noise", table, StringComparison.Ordinal);
        var json = CrowdNoiseCost.ToJson(result);
        Assert.Equal(3, json["models"]!.AsArray().Count);
        Assert.Equal(4, json["models"]![0]!["perClass"]!.AsObject().Count);
    }
}
