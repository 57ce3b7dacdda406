namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>What a gold file gave: subject → expert label, and the skipped rows.</summary>
/// <param name="Gold">Good rows; the first label of each subject.</param>
/// <param name="Problems">Skipped rows (including a second, different label for a subject) and header problems.</param>
/// <param name="DuplicateCount">Rows that repeated a subject's label exactly and were dropped silently.</param>
/// <param name="HeaderValid">False when the file is unusable: the header row was missing or lacked a required column, or the bytes are not valid text (the last problem says which; use no row).</param>
public sealed record GoldCsvReadResult(GoldLabels Gold, IReadOnlyList<CsvProblem> Problems, int DuplicateCount, bool HeaderValid);
