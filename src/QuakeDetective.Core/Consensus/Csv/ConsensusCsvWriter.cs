namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>Writes the consensus CSV <c>subject_id,label,confidence,votes,agreement</c> (the format fixed in DESIGN.md).</summary>
public static class ConsensusCsvWriter
{
    public static IReadOnlyList<string> Columns { get; } = ["subject_id", "label", "confidence", "votes", "agreement"];

    public static void Write(TextWriter writer, AggregationResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var csv = new CsvWriter(writer);
        csv.Record([.. Columns]);
        var count = 0;
        foreach (var subject in result.Subjects)
        {
            if ((++count & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            csv.Text(subject.SubjectId).Text(subject.Label).Number(subject.Confidence).Integer(subject.VoteCount).Number(subject.Agreement).EndRecord();
        }
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and moves it into place, so no reader ever sees half a file.</summary>
    public static void WriteFile(string path, AggregationResult result, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                Write(writer, result, cancellationToken);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
