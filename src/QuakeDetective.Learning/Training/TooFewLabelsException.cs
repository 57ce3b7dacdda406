namespace QuakeDetective.Learning.Training;

/// <summary>Training refused because some classes have fewer labelled examples than the minimum. The message names them.</summary>
public sealed class TooFewLabelsException : Exception
{
    public TooFewLabelsException(IReadOnlyDictionary<string, int> shortClasses, int minimum)
        : base(BuildMessage(shortClasses, minimum))
    {
        ShortClasses = shortClasses;
        Minimum = minimum;
    }

    /// <summary>Class → labelled examples it has (fewer than <see cref="Minimum"/>).</summary>
    public IReadOnlyDictionary<string, int> ShortClasses { get; }

    public int Minimum { get; }

    private static string BuildMessage(IReadOnlyDictionary<string, int> shortClasses, int minimum)
    {
        var list = string.Join(", ", shortClasses.Select(c => $"'{c.Key}' has {c.Value}"));
        var noun = shortClasses.Count == 1 ? "class has" : "classes have";
        return $"Too few labelled subjects: {shortClasses.Count} {noun} fewer than the minimum of {minimum} ({list}). " +
               "Collect more votes or gold labels for them, lower the confidence threshold, or lower the minimum per class.";
    }
}
