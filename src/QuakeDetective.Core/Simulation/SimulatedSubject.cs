namespace QuakeDetective.Core.Simulation;

/// <summary>A simulated subject and its true class. The ML side can render a waveform of <see cref="TrueLabel"/> for it.</summary>
public sealed record SimulatedSubject(string Id, string TrueLabel, bool IsGold);
