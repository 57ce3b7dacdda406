using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Learning.Simulation;

/// <summary>How many simulated subjects get a generated waveform, how long it is, and which consensus methods to compare.</summary>
public sealed record CrowdNoiseOptions
{
    public int Subjects { get; init; } = 600;

    public double WindowSeconds { get; init; } = 120;

    public double SampleRate { get; init; } = 40;

    public string? Trainer { get; init; }

    public IReadOnlyList<string> Methods { get; init; } = [AggregationMethods.Majority, AggregationMethods.DawidSkene];
}
