namespace QuakeDetective.Learning.Training;

/// <summary>
/// Seeded stratified fold assignment: each class's examples (or groups of examples) are shuffled and dealt round-robin
/// to the folds, so every fold has about the same class mix and a group never straddles two folds.
/// </summary>
public static class StratifiedFolds
{
    /// <summary>Fold (0..folds-1) of each sample, in sample order.</summary>
    public static int[] Assign(IReadOnlyList<LabelledSample> samples, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);

        // A group's class is the label of its first sample; groups are dealt per class.
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        for (var i = 0; i < samples.Count; i++)
        {
            var key = samples[i].Group is { } g ? "g:" + g : "s:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                groupOrder.Add(key);
            }

            members.Add(i);
        }

        var random = new Random(seed);
        var assignment = new int[samples.Count];
        var next = 0;
        foreach (var byClass in groupOrder.GroupBy(k => samples[groups[k][0]].Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var keys = byClass.ToArray();
            random.Shuffle(keys);
            foreach (var key in keys)
            {
                var fold = next++ % folds;
                foreach (var i in groups[key])
                {
                    assignment[i] = fold;
                }
            }
        }

        return assignment;
    }
}
