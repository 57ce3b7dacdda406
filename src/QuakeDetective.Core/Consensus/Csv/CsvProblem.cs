namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>A row that was skipped (or a header that could not be used), with the 1-based line it starts on.</summary>
public sealed record CsvProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
