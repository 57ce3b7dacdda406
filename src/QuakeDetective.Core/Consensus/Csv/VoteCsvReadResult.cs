namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>What a votes file gave: the good votes, the skipped rows, and how many duplicate votes were dropped.</summary>
/// <param name="Votes">Good rows in file order; the first vote of each (subject, volunteer) only.</param>
/// <param name="Problems">Skipped rows and header problems, in line order.</param>
/// <param name="DuplicateCount">Rows dropped because the volunteer had already voted on the subject earlier in the file.</param>
/// <param name="HeaderValid">False when the file is unusable: the header row was missing or lacked a required column, or the bytes are not valid text (the last problem says which; use no row).</param>
public sealed record VoteCsvReadResult(IReadOnlyList<Vote> Votes, IReadOnlyList<CsvProblem> Problems, int DuplicateCount, bool HeaderValid);
