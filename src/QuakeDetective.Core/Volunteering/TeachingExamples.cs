namespace QuakeDetective.Core.Volunteering;

/// <summary>
/// Splits a campaign's expert-labelled (gold) subjects into teaching examples, shown openly in the tutorial and the
/// field guide, and test subjects, injected into the queue for feedback. A volunteer must never be "tested" on a
/// subject whose answer they were taught. Per class the oldest gold subjects are examples: half of them rounded up,
/// at most <see cref="MaxPerClass"/> (1 of 1, 1 of 2, 2 of 3, 2 of 5 ...).
/// </summary>
public static class TeachingExamples
{
    public const int MaxPerClass = 2;

    /// <summary>How many of a class's <paramref name="goldInClass"/> gold subjects are teaching examples.</summary>
    public static int CountFor(int goldInClass) => goldInClass <= 0 ? 0 : Math.Min(MaxPerClass, (goldInClass + 1) / 2);

    /// <summary>The subject ids of the teaching examples among a campaign's gold labels.</summary>
    public static HashSet<long> Select(IEnumerable<(long SubjectId, string Label)> gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var examples = new HashSet<long>();
        foreach (var group in gold.GroupBy(g => g.Label, StringComparer.Ordinal))
        {
            var ordered = group.Select(g => g.SubjectId).Distinct().Order().ToList();
            examples.UnionWith(ordered.Take(CountFor(ordered.Count)));
        }

        return examples;
    }
}
