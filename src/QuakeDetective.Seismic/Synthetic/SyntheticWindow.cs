namespace QuakeDetective.Seismic.Synthetic;

/// <summary>A generated 3-component window (Z, N, E in that order) with its true class.</summary>
public sealed record SyntheticWindow(SyntheticClass TrueClass, IReadOnlyList<Trace> Traces, string Description, double SignalToNoise);
