namespace QuakeDetective.Core.Consensus.Store;

/// <summary>Where a recompute is: a stage name people can read and the overall percentage (0–100).</summary>
public readonly record struct RecomputeProgress(string Stage, double Percent);
