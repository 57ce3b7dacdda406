namespace QuakeDetective.Core.Consensus;

/// <summary>The method names (stable: stored with consensus rows and used on the command line) and a factory.</summary>
public static class AggregationMethods
{
    public const string Majority = "majority";

    public const string Weighted = "weighted";

    public const string DawidSkene = "dawid-skene";

    public static IReadOnlyList<string> All { get; } = [Majority, Weighted, DawidSkene];

    /// <summary>An aggregator with default options for a method name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown method.</exception>
    public static IVoteAggregator Create(string method) => method?.ToLowerInvariant() switch
    {
        Majority => new MajorityVoteAggregator(),
        Weighted => new WeightedVoteAggregator(),
        DawidSkene => new DawidSkeneAggregator(),
        _ => throw new ArgumentException($"Unknown aggregation method '{method}'; expected one of: {string.Join(", ", All)}.", nameof(method)),
    };
}
