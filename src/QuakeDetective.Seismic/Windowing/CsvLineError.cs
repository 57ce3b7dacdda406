namespace QuakeDetective.Seismic.Windowing;

/// <summary>A problem on one line of a CSV file: "events.csv line 7: latitude '95.2' is not between -90 and 90".</summary>
public sealed record CsvLineError(string SourceName, int Line, string Message)
{
    public override string ToString() => $"{SourceName} line {Line}: {Message}";
}
