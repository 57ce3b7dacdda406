namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>One CSV record: its fields, or why it could not be read. <see cref="Line"/> is the 1-based line it starts on.</summary>
public readonly record struct CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error)
{
    public bool IsValid => Error is null;
}
