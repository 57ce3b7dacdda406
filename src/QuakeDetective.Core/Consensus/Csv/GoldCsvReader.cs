using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>Reads a gold-labels CSV: header row with <c>subject_id,label</c> (any order, extra columns ignored); same rules as <see cref="VoteCsvReader"/>.</summary>
public static class GoldCsvReader
{
    public static IReadOnlyList<string> Columns { get; } = ["subject_id", "label"];

    public static GoldCsvReadResult Read(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new List<CsvProblem>();
        var labels = new Dictionary<string, (string Label, int Line)>(StringComparer.Ordinal);
        var duplicates = 0;
        var headerValid = CsvTable.Read(reader, Columns, problems, (line, values) =>
        {
            if (labels.TryGetValue(values[0], out var earlier))
            {
                if (string.Equals(earlier.Label, values[1], StringComparison.Ordinal))
                {
                    duplicates++;
                }
                else
                {
                    problems.Add(new CsvProblem(line, $"subject '{values[0]}' already has gold label '{earlier.Label}' (line {earlier.Line}); this label '{values[1]}' is ignored"));
                }

                return;
            }

            labels.Add(values[0], (values[1], line));
        }, cancellationToken);
        var gold = new GoldLabels(labels.Select(p => KeyValuePair.Create(p.Key, p.Value.Label)));
        return new GoldCsvReadResult(gold, problems, duplicates, headerValid);
    }

    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static GoldCsvReadResult ReadFile(string path, CancellationToken cancellationToken = default)
    {
        using var reader = StrictTextReader.OpenFile(path);
        return Read(reader, cancellationToken);
    }
}
