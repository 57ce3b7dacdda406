namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// A window to cut: its first sample time (on the data's sample grid) and its length in samples; for event windows
/// also the event and the station's epicentral distance.
/// </summary>
public sealed record WindowSpec(long StartNs, int SampleCount, double SampleRate)
{
    public SeismicEvent? Event { get; init; }

    public double? DistanceKm { get; init; }

    public double LengthSeconds => SampleCount / SampleRate;

    /// <summary>Exclusive end: one sample period after the last sample.</summary>
    public long EndNs => StartNs + (long)Math.Round(SampleCount * 1e9 / SampleRate);

    public DateTime StartUtc => SeismicTime.ToDateTime(StartNs);

    public DateTime EndUtc => SeismicTime.ToDateTime(EndNs);
}
