namespace QuakeDetective.Benchmarks;

public sealed record BenchmarkFigure(string Name, double Value, string Unit, double? Target, bool HigherIsBetter, string? Note);
