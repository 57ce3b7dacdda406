namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Everything read from one waveform file: the merged trace segments, the gaps/overlaps between segments of one
/// channel, the records that could not be read (each a <see cref="SeismicFormatException"/> with file, byte offset and
/// reason; reading continues after a bad record), and MiniSEED TEXT records. A result may hold traces and errors at the
/// same time, e.g. for a file whose last record is truncated.
/// </summary>
public sealed class WaveformReadResult
{
    public required string SourceName { get; init; }

    public required WaveformFormat Format { get; init; }

    /// <summary>Contiguous segments, ordered by SEED id, then start time.</summary>
    public required IReadOnlyList<Trace> Traces { get; init; }

    /// <summary>Gaps and overlaps between consecutive segments of the same id and sampling rate.</summary>
    public required IReadOnlyList<TraceGap> Gaps { get; init; }

    /// <summary>Problems found, in file order; empty for a clean file.</summary>
    public required IReadOnlyList<SeismicFormatException> Errors { get; init; }

    public required IReadOnlyList<TextLog> TextLogs { get; init; }

    /// <summary>Records decoded successfully (MiniSEED); 1 for SAC.</summary>
    public int RecordCount { get; init; }

    /// <summary>The SAC header for SAC files (station and event coordinates, distances, picks); null otherwise.</summary>
    public SacHeader? SacHeader { get; init; }

    public bool HasErrors => Errors.Count > 0;
}
