namespace QuakeDetective.Core.Exports;

/// <summary>What a site export job was asked for (stored as the job's ParametersJson).</summary>
public sealed record ExportJobParameters(string Format, string? Method);
