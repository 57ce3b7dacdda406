namespace QuakeDetective.Seismic.Windowing;

/// <summary>The rows that could be read from a CSV file and the line-numbered errors of those that could not.</summary>
public sealed record CsvReadResult<T>(IReadOnlyList<T> Items, IReadOnlyList<CsvLineError> Errors)
{
    public bool HasErrors => Errors.Count > 0;

    /// <summary>The first <paramref name="max"/> errors, one per line, and how many more there were.</summary>
    public string DescribeErrors(int max = 5)
    {
        var lines = Errors.Take(max).Select(e => e.ToString()).ToList();
        if (Errors.Count > max)
        {
            lines.Add($"... and {Errors.Count - max} more");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
