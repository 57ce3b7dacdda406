using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Tests.Training;

public class StratifiedFoldsTests
{
    [Fact]
    public void Assign_Imbalanced_EveryFoldGetsItsShareOfEachClass()
    {
        var samples = Enumerable.Range(0, 100).Select(i => new LabelledSample($"n{i}", "Noise", []))
            .Concat(Enumerable.Range(0, 10).Select(i => new LabelledSample($"t{i}", "Tremor", []))).ToList();

        var folds = StratifiedFolds.Assign(samples, 5, seed: 3);

        for (var f = 0; f < 5; f++)
        {
            Assert.Equal(20, samples.Where((s, i) => folds[i] == f && s.Label == "Noise").Count());
            Assert.Equal(2, samples.Where((s, i) => folds[i] == f && s.Label == "Tremor").Count());
        }
    }

    [Fact]
    public void Assign_Groups_NeverSplitAcrossFolds()
    {
        var samples = Enumerable.Range(0, 40).SelectMany(g => new[]
        {
            new LabelledSample($"{g}-quake", "Earthquake", [], $"file{g}"),
            new LabelledSample($"{g}-noise", "Noise", [], $"file{g}"),
        }).ToList();

        var folds = StratifiedFolds.Assign(samples, 4, seed: 1);

        for (var i = 0; i < samples.Count; i += 2)
        {
            Assert.Equal(folds[i], folds[i + 1]);
        }

        Assert.All(Enumerable.Range(0, 4), f => Assert.Equal(20, folds.Count(x => x == f)));
    }

    [Fact]
    public void Assign_SameSeed_SameFolds_OtherSeed_Differs()
    {
        var samples = Enumerable.Range(0, 50).Select(i => new LabelledSample($"s{i}", i % 2 == 0 ? "A" : "B", [])).ToList();

        Assert.Equal(StratifiedFolds.Assign(samples, 5, 1), StratifiedFolds.Assign(samples, 5, 1));
        Assert.NotEqual(StratifiedFolds.Assign(samples, 5, 1), StratifiedFolds.Assign(samples, 5, 2));
    }
}
