using QuakeDetective.Core.Queue;

namespace QuakeDetective.Core.Tests.Queue;

/// <summary>Plays back given numbers, so that a test decides every roll of the queue's dice.</summary>
internal sealed class ScriptedRandom(params double[] rolls) : IQueueRandom
{
    private int _next;

    public double NextDouble() => rolls[_next++ % rolls.Length];

    public int Next(int maxExclusive) => Math.Min((int)(NextDouble() * maxExclusive), maxExclusive - 1);
}
