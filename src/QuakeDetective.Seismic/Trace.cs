namespace QuakeDetective.Seismic;

/// <summary>
/// One contiguous, evenly sampled segment of one channel (ObsPy's Trace). Times are nanoseconds since
/// 1970-01-01T00:00:00Z so that MiniSEED 3's nanosecond start times survive.
/// </summary>
public sealed class Trace
{
    public Trace(SeedId id, long startTimeNs, double sampleRate, double[] samples)
    {
        if (!(sampleRate > 0) || double.IsInfinity(sampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Sampling rate must be positive and finite.");
        }

        Id = id;
        StartTimeNs = startTimeNs;
        SampleRate = sampleRate;
        Samples = samples ?? throw new ArgumentNullException(nameof(samples));
    }

    public SeedId Id { get; }

    /// <summary>Time of the first sample, nanoseconds since the Unix epoch (UTC).</summary>
    public long StartTimeNs { get; }

    /// <summary>Samples per second.</summary>
    public double SampleRate { get; }

    public double[] Samples { get; }

    public int Count => Samples.Length;

    /// <summary>Time of the last sample, nanoseconds since the Unix epoch.</summary>
    public long EndTimeNs => Count == 0 ? StartTimeNs : StartTimeNs + (long)Math.Round((Count - 1) * 1e9 / SampleRate);

    public DateTime StartUtc => SeismicTime.ToDateTime(StartTimeNs);

    public DateTime EndUtc => SeismicTime.ToDateTime(EndTimeNs);

    public double DurationSeconds => Count / SampleRate;

    public Trace WithSamples(double[] samples, double? sampleRate = null) =>
        new(Id, StartTimeNs, sampleRate ?? SampleRate, samples);

    public override string ToString() =>
        $"{Id} | {SeismicTime.Format(StartTimeNs)} - {SeismicTime.Format(EndTimeNs)} | {SampleRate} Hz, {Count} samples";
}
