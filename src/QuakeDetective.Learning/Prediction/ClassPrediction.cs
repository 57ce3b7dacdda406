namespace QuakeDetective.Learning.Prediction;

/// <summary>A model's answer for one subject: the most probable label, every class's probability and the entropy (nats).</summary>
public sealed record ClassPrediction(string Label, double Probability, IReadOnlyDictionary<string, double> Probabilities, double Entropy)
{
    /// <summary>Builds a prediction from probabilities aligned with <paramref name="classes"/> (renormalised; ties go to the first class).</summary>
    public static ClassPrediction FromScores(IReadOnlyList<string> classes, ReadOnlySpan<float> scores)
    {
        var sum = 0.0;
        for (var i = 0; i < classes.Count; i++)
        {
            sum += Math.Max(0, i < scores.Length && float.IsFinite(scores[i]) ? scores[i] : 0);
        }

        var probabilities = new Dictionary<string, double>(classes.Count, StringComparer.Ordinal);
        var best = 0;
        var entropy = 0.0;
        var bestP = -1.0;
        for (var i = 0; i < classes.Count; i++)
        {
            var raw = i < scores.Length && float.IsFinite(scores[i]) ? Math.Max(0, scores[i]) : 0;
            var p = sum > 0 ? raw / sum : 1.0 / classes.Count;
            probabilities[classes[i]] = p;
            if (p > 0)
            {
                entropy -= p * Math.Log(p);
            }

            if (p > bestP)
            {
                bestP = p;
                best = i;
            }
        }

        return new ClassPrediction(classes[best], bestP, probabilities, entropy);
    }

    public double ProbabilityOf(string label) => Probabilities.GetValueOrDefault(label);
}
