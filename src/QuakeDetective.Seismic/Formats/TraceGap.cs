namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// A break between two segments of the same channel and sampling rate. <see cref="GapSeconds"/> is the time from the
/// last sample of the previous segment to the first sample of the next (as ObsPy's get_gaps reports it): one sample
/// period means no data is missing but the times do not line up; a negative value is an overlap.
/// </summary>
public sealed record TraceGap(SeedId Id, double SampleRate, long PreviousEndNs, long NextStartNs)
{
    public double GapSeconds => (NextStartNs - PreviousEndNs) / 1e9;

    /// <summary>True when the next segment starts before the previous one ended.</summary>
    public bool IsOverlap => NextStartNs <= PreviousEndNs;

    /// <summary>Samples missing between the two segments (negative for an overlap).</summary>
    public long MissingSamples => (long)Math.Round(GapSeconds * SampleRate) - 1;

    public override string ToString() =>
        $"{Id} {(IsOverlap ? "overlap" : "gap")} {SeismicTime.Format(PreviousEndNs)} -> {SeismicTime.Format(NextStartNs)} ({GapSeconds:0.######} s)";
}
