namespace QuakeDetective.Core.Queue;

/// <summary>
/// <see cref="IQueueRandom"/> over one <see cref="Random"/>, safe to share between requests. With a seed the sequence is
/// reproducible (tests, <c>Queue:RandomSeed</c>); without one the composition root passes a randomly seeded instance.
/// </summary>
public sealed class SeededQueueRandom(int seed) : IQueueRandom
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    public int Next(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }
}
