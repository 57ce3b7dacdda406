namespace QuakeDetective.Core.Import;

/// <summary>The files found, and notes on what was ignored or refused.</summary>
internal sealed record ScanResult(IReadOnlyList<ScannedFile> Files, IReadOnlyList<string> Notes);
