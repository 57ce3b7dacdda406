namespace QuakeDetective.Learning.Prediction;

/// <summary>A multiclass model's output: one probability per class, in the model's class order.</summary>
internal sealed class ScoreRow
{
    public float[] Score { get; set; } = [];
}
