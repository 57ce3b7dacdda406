namespace QuakeDetective.Core.Consensus;

/// <summary>
/// Counts of (true class, answered class) for one volunteer; rows are the true class, columns the answer.
/// Counts may be fractional (expected counts from Dawid–Skene posteriors). Immutable.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly string[] _classes;
    private readonly double[] _counts;

    /// <summary>Wraps a row-major K×K array of counts (copied).</summary>
    public ConfusionMatrix(IReadOnlyList<string> classes, ReadOnlySpan<double> rowMajorCounts)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var k = classes.Count;
        if (rowMajorCounts.Length != k * k)
        {
            throw new ArgumentException($"Expected {k}×{k} = {k * k} counts for {k} classes, got {rowMajorCounts.Length}.", nameof(rowMajorCounts));
        }

        _classes = [.. classes];
        _counts = rowMajorCounts.ToArray();
    }

    public IReadOnlyList<string> Classes => _classes;

    /// <summary>Count of votes answering <paramref name="answered"/> on subjects whose class is <paramref name="trueClass"/>.</summary>
    public double this[int trueClass, int answered] => _counts[(trueClass * _classes.Length) + answered];

    public double this[string trueClass, string answered] => this[IndexOf(trueClass), IndexOf(answered)];

    public double Total => _counts.Sum();

    /// <summary>Share of answers that were right, or null without any count.</summary>
    public double? Accuracy
    {
        get
        {
            var total = Total;
            if (total <= 0)
            {
                return null;
            }

            var diagonal = 0.0;
            for (var k = 0; k < _classes.Length; k++)
            {
                diagonal += this[k, k];
            }

            return diagonal / total;
        }
    }

    /// <summary>Builds a matrix of counts from (truth, answer) pairs, e.g. one volunteer's answers on gold subjects.</summary>
    public static ConfusionMatrix FromPairs(IReadOnlyList<string> classes, IEnumerable<(string Truth, string Answer)> pairs)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(pairs);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Count; i++)
        {
            index.Add(classes[i], i);
        }

        var counts = new double[classes.Count * classes.Count];
        foreach (var (truth, answer) in pairs)
        {
            if (!index.TryGetValue(truth, out var t) || !index.TryGetValue(answer, out var a))
            {
                throw new ArgumentException($"Pair ({truth}, {answer}) names a class that is not one of: {string.Join(", ", classes)}.", nameof(pairs));
            }

            counts[(t * classes.Count) + a]++;
        }

        return new ConfusionMatrix(classes, counts);
    }

    /// <summary>Sum of row k: votes on subjects whose true class is k.</summary>
    public double RowTotal(int trueClass)
    {
        var sum = 0.0;
        for (var a = 0; a < _classes.Length; a++)
        {
            sum += this[trueClass, a];
        }

        return sum;
    }

    /// <summary>Sum of column k: votes answering k.</summary>
    public double ColumnTotal(int answered)
    {
        var sum = 0.0;
        for (var t = 0; t < _classes.Length; t++)
        {
            sum += this[t, answered];
        }

        return sum;
    }

    /// <summary>
    /// Probability of answering <paramref name="answered"/> given true class <paramref name="trueClass"/>, with
    /// additive (Laplace/Dirichlet) smoothing; null for an empty row without smoothing.
    /// </summary>
    public double? AnswerProbability(int trueClass, int answered, double smoothing = 0)
    {
        var denominator = RowTotal(trueClass) + (smoothing * _classes.Length);
        return denominator > 0 ? (this[trueClass, answered] + smoothing) / denominator : null;
    }

    /// <summary>Of the answers k, the share that were right; null when the volunteer never answered k.</summary>
    public double? Precision(int k)
    {
        var column = ColumnTotal(k);
        return column > 0 ? this[k, k] / column : null;
    }

    /// <summary>Of the subjects of class k, the share answered k; null when the volunteer saw none.</summary>
    public double? Recall(int k)
    {
        var row = RowTotal(k);
        return row > 0 ? this[k, k] / row : null;
    }

    /// <summary>
    /// Harmonic mean of precision and recall of class k; 0 when the class was involved but never answered
    /// rightly, null when it was never involved (no subject of class k and no answer k).
    /// </summary>
    public double? F1(int k)
    {
        var involved = RowTotal(k) + ColumnTotal(k);
        if (involved <= 0)
        {
            return null;
        }

        // 2TP / (2TP + FP + FN) equals 2PR / (P + R) and stays defined when one of P, R is not.
        return 2 * this[k, k] / involved;
    }

    public double? Precision(string label) => Precision(IndexOf(label));

    public double? Recall(string label) => Recall(IndexOf(label));

    public double? F1(string label) => F1(IndexOf(label));

    /// <summary>Number of votes that bear on class k's F1 (row + column − diagonal).</summary>
    public double Evidence(int k) => RowTotal(k) + ColumnTotal(k) - this[k, k];

    private int IndexOf(string label)
    {
        var i = Array.IndexOf(_classes, label);
        return i >= 0 ? i : throw new ArgumentException($"'{label}' is not one of: {string.Join(", ", _classes)}.", nameof(label));
    }
}
