namespace QuakeDetective.Core.Queue;

/// <summary>
/// Where the policy gets candidates from, fetched only when needed (the database side passes queries, tests pass lists).
/// Every list holds only subjects the volunteer may see: active, never answered by them, and (except
/// <see cref="Gold"/>) without an expert label.
/// </summary>
/// <param name="Gold">Expert-labelled subjects meant for testing (not the tutorial's teaching examples).</param>
/// <param name="Random">A few eligible subjects from a random place in the campaign.</param>
/// <param name="Ordered">The subjects nearest retirement and the highest-priority ones; the policy orders them.</param>
public sealed record QueueSources(
    Func<CancellationToken, Task<IReadOnlyList<QueueCandidate>>> Gold,
    Func<CancellationToken, Task<IReadOnlyList<QueueCandidate>>> Random,
    Func<CancellationToken, Task<IReadOnlyList<QueueCandidate>>> Ordered)
{
    /// <summary>Fixed lists, for tests and simulations.</summary>
    public static QueueSources From(
        IReadOnlyList<QueueCandidate> gold, IReadOnlyList<QueueCandidate> random, IReadOnlyList<QueueCandidate> ordered) =>
        new(_ => Task.FromResult(gold), _ => Task.FromResult(random), _ => Task.FromResult(ordered));
}
