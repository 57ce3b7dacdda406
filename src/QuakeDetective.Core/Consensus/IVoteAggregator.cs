namespace QuakeDetective.Core.Consensus;

/// <summary>
/// Turns votes into consensus labels. Implementations are pure and deterministic (same input, same
/// output), hold no state between calls, and are safe to share between threads.
/// </summary>
public interface IVoteAggregator
{
    /// <summary>Method name as used on the command line and stored with a consensus: "majority", "weighted", "dawid-skene".</summary>
    string Method { get; }

    /// <summary>Aggregates <paramref name="votes"/>; <paramref name="gold"/> (optional) labels gold subjects.</summary>
    /// <exception cref="ArgumentException">A gold label is not one of the vote set's classes.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    AggregationResult Aggregate(VoteSet votes, GoldLabels? gold, CancellationToken cancellationToken = default);
}
