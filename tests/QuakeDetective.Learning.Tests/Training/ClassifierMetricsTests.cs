using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Tests.Training;

public class ClassifierMetricsTests
{
    [Fact]
    public void Compute_HandCountedCase_MatchesByHand()
    {
        string[] classes = ["A", "B"];
        string[] truth = ["A", "A", "A", "B", "B"];
        string[] predicted = ["A", "A", "B", "B", "A"];
        double[] pTruth = [0.9, 0.8, 0.4, 0.7, 0.2];

        var m = ClassifierMetrics.Compute(classes, truth, predicted, pTruth);

        Assert.Equal(3.0 / 5, m.Accuracy, 12);
        Assert.Equal([2, 1], m.Confusion[0]);
        Assert.Equal([1, 1], m.Confusion[1]);
        var a = m.Of("A")!;
        var b = m.Of("B")!;
        Assert.Equal(2.0 / 3, a.Precision, 12);
        Assert.Equal(2.0 / 3, a.Recall, 12);
        Assert.Equal(0.5, b.Precision, 12);
        Assert.Equal(0.5, b.Recall, 12);
        Assert.Equal((2.0 / 3 + 0.5) / 2, m.MacroF1, 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.7) + Math.Log(0.2)) / 5, m.LogLoss, 12);
    }

    [Fact]
    public void Compute_ZeroProbability_LogLossStaysFinite()
    {
        var m = ClassifierMetrics.Compute(["A", "B"], ["A"], ["B"], [0.0]);

        Assert.True(double.IsFinite(m.LogLoss));
        Assert.Equal(-Math.Log(1e-15), m.LogLoss, 9);
    }
}
