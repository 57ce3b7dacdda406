namespace QuakeDetective.Learning.Training;

/// <summary>
/// How a classifier did on an evaluation set: accuracy, macro-F1, per-class precision/recall/F1, the confusion
/// matrix (rows true class, columns predicted, in <see cref="Classes"/> order) and the multiclass log-loss.
/// </summary>
public sealed record ClassifierMetrics
{
    public required IReadOnlyList<string> Classes { get; init; }

    public required int Examples { get; init; }

    public required double Accuracy { get; init; }

    public required double MacroF1 { get; init; }

    public required double LogLoss { get; init; }

    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>[true class][predicted class] counts.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Confusion { get; init; }

    /// <summary>"held-out 20 %", "5-fold cross-validation" ...</summary>
    public string Evaluation { get; init; } = "";

    public ClassMetrics? Of(string label) => PerClass.FirstOrDefault(c => c.Label == label);

    /// <summary>
    /// Metrics from the true label, the predicted label and the probability given to the true label of each example.
    /// Labels outside <paramref name="classes"/> count as wrong and are left out of the matrix.
    /// </summary>
    public static ClassifierMetrics Compute(
        IReadOnlyList<string> classes,
        IReadOnlyList<string> truth,
        IReadOnlyList<string> predicted,
        IReadOnlyList<double> probabilityOfTruth,
        string evaluation = "")
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (truth.Count != predicted.Count || truth.Count != probabilityOfTruth.Count)
        {
            throw new ArgumentException("Truth, predictions and probabilities must have one entry per example.");
        }

        var k = classes.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < k; i++)
        {
            index[classes[i]] = i;
        }

        var confusion = new int[k][];
        for (var i = 0; i < k; i++)
        {
            confusion[i] = new int[k];
        }

        var correct = 0;
        var logLoss = 0.0;
        var predictedCount = new int[k];
        for (var e = 0; e < truth.Count; e++)
        {
            if (truth[e] == predicted[e])
            {
                correct++;
            }

            logLoss -= Math.Log(Math.Clamp(probabilityOfTruth[e], 1e-15, 1.0));
            if (index.TryGetValue(truth[e], out var t) && index.TryGetValue(predicted[e], out var p))
            {
                confusion[t][p]++;
            }

            if (index.TryGetValue(predicted[e], out var q))
            {
                predictedCount[q]++;
            }
        }

        var perClass = new List<ClassMetrics>(k);
        for (var c = 0; c < k; c++)
        {
            var support = confusion[c].Sum();
            var tp = confusion[c][c];
            var precision = predictedCount[c] == 0 ? 0 : tp / (double)predictedCount[c];
            var recall = support == 0 ? 0 : tp / (double)support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(classes[c], precision, recall, f1, support));
        }

        var n = truth.Count;
        var withSupport = perClass.Where(c => c.Support > 0).ToList();
        return new ClassifierMetrics
        {
            Classes = [.. classes],
            Examples = n,
            Accuracy = n == 0 ? 0 : correct / (double)n,
            MacroF1 = withSupport.Count == 0 ? 0 : withSupport.Average(c => c.F1),
            LogLoss = n == 0 ? 0 : logLoss / n,
            PerClass = perClass,
            Confusion = confusion,
            Evaluation = evaluation,
        };
    }
}
