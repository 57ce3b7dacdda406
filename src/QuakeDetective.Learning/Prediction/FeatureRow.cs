namespace QuakeDetective.Learning.Prediction;

/// <summary>The row ML.NET sees: the feature vector (its length set at run time), the label and the example weight.</summary>
internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";

    public float Weight { get; set; } = 1f;
}
