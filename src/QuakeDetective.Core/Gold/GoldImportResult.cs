using QuakeDetective.Core.Consensus.Csv;

namespace QuakeDetective.Core.Gold;

/// <summary>
/// The outcome of a gold-label CSV import. Nothing is stored unless every row is good: <see cref="Stored"/> is
/// false whenever <see cref="Problems"/> is not empty.
/// </summary>
public sealed record GoldImportResult(bool Stored, int Added, int Updated, int Unchanged, IReadOnlyList<CsvProblem> Problems)
{
    public int Rows => Added + Updated + Unchanged;
}
