namespace QuakeDetective.Core.Import;

/// <summary>What happened to one file. <see cref="Problems"/> holds "file: byte N: reason" lines for damaged files.</summary>
public sealed record ImportFileReport(string Path, ImportFileStatus Status, int SubjectCount, long SizeBytes, IReadOnlyList<string> Problems)
{
    /// <summary>The byte offset of the first format error, when the file was damaged.</summary>
    public long? ErrorByteOffset { get; init; }

    public string? FirstProblem => Problems.Count > 0 ? Problems[0] : null;
}
