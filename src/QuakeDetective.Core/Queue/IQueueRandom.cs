namespace QuakeDetective.Core.Queue;

/// <summary>The queue's source of chance (gold injection, random picks), injected so that tests and replays are reproducible.</summary>
public interface IQueueRandom
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();

    /// <summary>A whole number in [0, <paramref name="maxExclusive"/>).</summary>
    int Next(int maxExclusive);
}
