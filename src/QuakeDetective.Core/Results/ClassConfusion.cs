using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Core.Results;

/// <summary>A class-level confusion picture: rows are the reference (gold or Dawid–Skene estimate), columns the compared label.</summary>
/// <param name="Title">What is compared with what.</param>
/// <param name="RowCaption">Meaning of the rows, e.g. "Expert (gold) label".</param>
/// <param name="ColumnCaption">Meaning of the columns, e.g. "Consensus (majority)".</param>
/// <param name="Matrix">Counts (may be fractional for expected counts).</param>
public sealed record ClassConfusion(string Title, string RowCaption, string ColumnCaption, ConfusionMatrix Matrix)
{
    /// <summary>Share of the row's total in a cell (what fraction of subjects of that class got that label); 0 for an empty row.</summary>
    public double RowShare(int row, int column)
    {
        var total = Matrix.RowTotal(row);
        return total <= 0 ? 0 : Matrix[row, column] / total;
    }
}
