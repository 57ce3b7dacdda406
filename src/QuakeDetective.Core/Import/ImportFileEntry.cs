using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Core.Import;

/// <summary>One file's state during an import: what was read, its content hash, and the outcome once decided.</summary>
internal sealed class ImportFileEntry(int index, ScannedFile file)
{
    public int Index { get; } = index;

    public ScannedFile File { get; } = file;

    public long SizeBytes { get; set; }

    public string? Sha256 { get; set; }

    /// <summary>The decoded file, kept between reading and cutting while memory allows; null means read it again.</summary>
    public WaveformReadResult? Read { get; set; }

    /// <summary>Per instrument (NET.STA.LOC.BH), the time the file covers: used to put files of the same recording together.</summary>
    public IReadOnlyList<InstrumentSpan> Spans { get; set; } = [];

    /// <summary>Station coordinates from SAC headers, by NET.STA.LOC.</summary>
    public IReadOnlyDictionary<string, (double Latitude, double Longitude)> SacCoordinates { get; set; } =
        new Dictionary<string, (double, double)>();

    public ImportFileStatus? Status { get; set; }

    public List<string> Problems { get; } = [];

    public long? ErrorByteOffset { get; set; }

    public int SubjectCount;

    public ImportFileReport ToReport() =>
        new(File.DisplayName, Status ?? ImportFileStatus.NotStarted, SubjectCount, SizeBytes, Problems) { ErrorByteOffset = ErrorByteOffset };
}
