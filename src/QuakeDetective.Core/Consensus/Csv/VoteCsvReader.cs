using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>
/// Reads a votes CSV: header row required with columns <c>subject_id,volunteer_id,label</c> (any order,
/// case-insensitive, extra columns ignored). Values are trimmed. Bad rows are reported with their line
/// number and skipped: wrong column count, an empty field, an unterminated or stray quote, a field over
/// 64 KiB. A second vote by the same volunteer on the same subject is dropped (the first is kept) and counted.
/// </summary>
public static class VoteCsvReader
{
    public static IReadOnlyList<string> Columns { get; } = ["subject_id", "volunteer_id", "label"];

    public static VoteCsvReadResult Read(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new List<CsvProblem>();
        var votes = new List<Vote>();
        var seen = new HashSet<(string, string)>();
        var duplicates = 0;
        var headerValid = CsvTable.Read(reader, Columns, problems, (line, values) =>
        {
            if (!seen.Add((values[0], values[1])))
            {
                duplicates++;
                return;
            }

            votes.Add(new Vote(values[0], values[1], values[2]));
        }, cancellationToken);
        return new VoteCsvReadResult(votes, problems, duplicates, headerValid);
    }

    /// <summary>Reads a file: UTF-8 unless a byte-order mark says otherwise; bytes that are not valid text make the file unusable (<c>HeaderValid</c> false, the problem names the byte offset).</summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static VoteCsvReadResult ReadFile(string path, CancellationToken cancellationToken = default)
    {
        using var reader = StrictTextReader.OpenFile(path);
        return Read(reader, cancellationToken);
    }
}
