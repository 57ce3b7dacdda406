using System.Globalization;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Training;
using QuakeDetective.Tests;
using Xunit.Abstractions;

namespace QuakeDetective.Learning.Tests.RealData;

public class PhaseNetTests(ITestOutputHelper output)
{
    private static readonly string[] Classes = ["Earthquake", "Noise"];

    [SkippableFact]
    public void Npz_PhaseNetFile_ShapeAndPickAsDocumented()
    {
        var folder = SharedData.Require("seismic/labelled/phasenet");

        var arrays = NpyArray.ReadNpz(Path.Combine(folder, "BG_ACR_2012082505145960.npz"));

        Assert.Equal([9001, 3], arrays["data"].Shape);
        Assert.Equal(3000, arrays["itp"].Values[0]);
        Assert.Equal(3099, arrays["its"].Values[0]);
    }

    [SkippableFact]
    public void Train_RealEarthquakesVersusNoise_HighAccuracyOnUnseenRecordings()
    {
        var folder = SharedData.Require("seismic/labelled/phasenet");
        var all = PhaseNetWindows.Load(folder, new FeatureExtractor());
        var strict = all.Where(s => !PhaseNetWindows.LowSnr.Contains(s.Group!)).ToList();
        var trainer = new ClassifierTrainer();

        // Grouped 5-fold cross-validation: each recording's two windows are tested by a model that never saw that recording.
        var cv = trainer.Train(strict, Classes, new ClassifierTrainingOptions { Seed = 1 });
        var heldOut = trainer.Train(strict, Classes, new ClassifierTrainingOptions { Seed = 1, CrossValidationBelow = 0 });
        var lowSnr = all.Where(s => PhaseNetWindows.LowSnr.Contains(s.Group!)).ToList();
        var lowSnrPredictions = cv.Classifier.PredictMany(lowSnr.Select(s => s.Features).ToList());

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{strict.Count / 2} recordings ({strict.Count} windows); {cv.Metrics.Evaluation}: accuracy {cv.Metrics.Accuracy:0.000}, macro-F1 {cv.Metrics.MacroF1:0.000}, log-loss {cv.Metrics.LogLoss:0.000}"));
        output.WriteLine(PhaseNetWindows.FormatConfusion(cv.Metrics));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{heldOut.Metrics.Evaluation}: {heldOut.Metrics.Examples} windows, accuracy {heldOut.Metrics.Accuracy:0.000}"));
        output.WriteLine(PhaseNetWindows.FormatConfusion(heldOut.Metrics));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"low-SNR recordings (not asserted): {lowSnr.Where((s, i) => lowSnrPredictions[i].Label == s.Label).Count()} of {lowSnr.Count} windows right"));
        Assert.True(cv.Metrics.Accuracy >= 0.85, $"cross-validated accuracy {cv.Metrics.Accuracy:0.000}");
        Assert.True(cv.Metrics.Of("Earthquake")!.Recall >= 0.85, $"earthquake recall {cv.Metrics.Of("Earthquake")!.Recall:0.000}");
        Assert.True(heldOut.Metrics.Accuracy >= 0.85, $"held-out accuracy {heldOut.Metrics.Accuracy:0.000}");
    }
}
