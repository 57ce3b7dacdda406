using QuakeDetective.Learning.Prediction;
using QuakeDetective.Learning.Training;
using Xunit.Abstractions;

namespace QuakeDetective.Learning.Tests.Training;

public class ClassifierTrainerTests(ITestOutputHelper output)
{
    private readonly ClassifierTrainer _trainer = new();

    [Fact]
    public void LightGbm_NativeLibrary_LoadsOnThisMachine()
    {
        Assert.True(TrainerAvailability.IsLightGbmAvailable, TrainerAvailability.LightGbmUnavailableReason);
        Assert.Equal(TrainerNames.LightGbm, TrainerAvailability.DefaultTrainer);
    }

    [Theory]
    [InlineData(TrainerNames.LightGbm)]
    [InlineData(TrainerNames.FastTree)]
    [InlineData(TrainerNames.Lbfgs)]
    [InlineData(TrainerNames.Sdca)]
    public void Train_GeneratedWindows_EveryTrainerLearnsTheClasses(string trainer)
    {
        var result = _trainer.Train(SyntheticSamples.Small, SyntheticSamples.Classes, new ClassifierTrainingOptions { Trainer = trainer, Iterations = 60 });

        output.WriteLine($"{trainer}: accuracy {result.Metrics.Accuracy:0.000}, macro-F1 {result.Metrics.MacroF1:0.000}, log-loss {result.Metrics.LogLoss:0.000} ({result.Metrics.Evaluation})");
        Assert.Equal(trainer, result.Trainer);
        Assert.Contains("cross-validation", result.Metrics.Evaluation, StringComparison.Ordinal);
        Assert.Equal(SyntheticSamples.Small.Count, result.Metrics.Examples);
        Assert.True(result.Metrics.Accuracy > 0.6, $"accuracy {result.Metrics.Accuracy}");
        Assert.Equal(SyntheticSamples.Small.Count, result.Metrics.Confusion.Sum(r => r.Sum()));
        Assert.True(double.IsFinite(result.Metrics.LogLoss) && result.Metrics.LogLoss < Math.Log(4), $"log-loss {result.Metrics.LogLoss}");
    }

    [Fact]
    public void Train_ManyLabels_UsesStratifiedHeldOutSplit()
    {
        var samples = SyntheticSamples.Small;
        var result = _trainer.Train(samples, SyntheticSamples.Classes, new ClassifierTrainingOptions { CrossValidationBelow = 10, Iterations = 30 });

        Assert.StartsWith("held-out 20 %", result.Metrics.Evaluation, StringComparison.Ordinal);
        Assert.Equal(20, result.EvaluationSet.Count);
        Assert.All(SyntheticSamples.Classes, c => Assert.Equal(5, result.EvaluationSet.Count(s => s.Label == c)));
        Assert.Equal(80, result.TrainingExamples);
        Assert.Empty(result.EvaluationSet.Select(s => s.Id).Intersect(samples.Select(s => s.Id).Except(result.EvaluationSet.Select(s => s.Id))));
    }

    [Fact]
    public void Train_ClassBelowMinimum_MessageNamesTheClass()
    {
        var samples = SyntheticSamples.Small.Where(s => s.Label != "Tremor").Concat(SyntheticSamples.Small.Where(s => s.Label == "Tremor").Take(3)).ToList();

        var ex = Assert.Throws<TooFewLabelsException>(() => _trainer.Train(samples, SyntheticSamples.Classes, new ClassifierTrainingOptions { MinLabelsPerClass = 10 }));

        Assert.Contains("'Tremor' has 3", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Noise", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.ShortClasses["Tremor"]);
    }

    [Fact]
    public void Train_ClassWithoutAnyLabel_IsNamedToo()
    {
        var samples = SyntheticSamples.Small.Where(s => s.Label != "None of the above").ToList();

        var ex = Assert.Throws<TooFewLabelsException>(() => _trainer.Train(samples, SyntheticSamples.Classes, new ClassifierTrainingOptions()));

        Assert.Contains("'None of the above' has 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassWeights_RareClass_WeighsMoreButCapped()
    {
        var weights = ClassifierTrainer.ClassWeightsFor(new Dictionary<string, int> { ["Noise"] = 570, ["Tremor"] = 60, ["Rare"] = 5 }, new ClassifierTrainingOptions());

        Assert.Equal(1.0, weights["Noise"]);
        Assert.Equal(9.5, weights["Tremor"], 9);
        Assert.Equal(10.0, weights["Rare"]);
    }

    [Fact]
    public void Train_SameSeed_SameModelOutputs()
    {
        var options = new ClassifierTrainingOptions { Iterations = 30, Threads = 1, Seed = 4 };

        var a = _trainer.Train(SyntheticSamples.Small, SyntheticSamples.Classes, options);
        var b = _trainer.Train(SyntheticSamples.Small, SyntheticSamples.Classes, options);

        Assert.Equal(a.Metrics.Accuracy, b.Metrics.Accuracy);
        Assert.Equal(a.Metrics.LogLoss, b.Metrics.LogLoss, 9);
    }

    [Fact]
    public void SavedModel_LoadedBack_PredictsTheSame_AndPoolIsThreadSafe()
    {
        var result = _trainer.Train(SyntheticSamples.Small, SyntheticSamples.Classes, new ClassifierTrainingOptions { Iterations = 30 });
        using var stream = new MemoryStream();
        result.Classifier.Save(stream);
        stream.Position = 0;

        var loaded = TrainedClassifier.Load(stream);
        var inputs = SyntheticSamples.Small.Select(s => s.Features).ToList();
        var batch = result.Classifier.PredictMany(inputs);
        var parallel = new ClassPrediction[inputs.Count * 4];
        Parallel.For(0, parallel.Length, i => parallel[i] = loaded.Predict(inputs[i % inputs.Count]));

        Assert.Equal(SyntheticSamples.Classes, loaded.Classes);
        Assert.Equal(result.Classifier.Manifest.FeatureVersion, loaded.Manifest.FeatureVersion);
        for (var i = 0; i < parallel.Length; i++)
        {
            var expected = batch[i % inputs.Count];
            Assert.Equal(expected.Label, parallel[i].Label);
            Assert.Equal(expected.Probability, parallel[i].Probability, 5);
            Assert.Equal(1.0, parallel[i].Probabilities.Values.Sum(), 5);
            Assert.InRange(parallel[i].Entropy, 0, Math.Log(4) + 1e-9);
        }
    }

    [Fact]
    public void Load_NotAModel_SaysWhatIsWrong()
    {
        using var stream = new MemoryStream("not a zip"u8.ToArray());

        var ex = Assert.Throws<InvalidDataException>(() => TrainedClassifier.Load(stream, "junk.zip"));

        Assert.Contains("junk.zip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_CertainAndUniform_ZeroAndLogK()
    {
        Assert.Equal(0.0, ClassPrediction.FromScores(["A", "B", "C"], [1f, 0f, 0f]).Entropy, 12);
        Assert.Equal(Math.Log(3), ClassPrediction.FromScores(["A", "B", "C"], [1f, 1f, 1f]).Entropy, 6);
    }
}
