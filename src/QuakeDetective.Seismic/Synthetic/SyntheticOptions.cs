namespace QuakeDetective.Seismic.Synthetic;

/// <summary>Where and how long a generated window is.</summary>
public sealed record SyntheticOptions
{
    public double SampleRate { get; init; } = 40.0;

    public double DurationSeconds { get; init; } = 2000.0;

    /// <summary>Start of the window, nanoseconds since the Unix epoch.</summary>
    public long StartTimeNs { get; init; } = 1_262_304_000L * 1_000_000_000L; // 2010-01-01T00:00:00Z

    public string Network { get; init; } = "XX";

    public string Station { get; init; } = "DEMO";

    public string Location { get; init; } = "00";

    /// <summary>Band and instrument code, e.g. "BH" (channels become BHZ, BHN, BHE).</summary>
    public string ChannelPrefix { get; init; } = "BH";

    /// <summary>
    /// Forces the signal-to-noise ratio (see <see cref="SyntheticWindow.SignalToNoise"/>) instead of drawing it from the
    /// class's range: Earthquake 1.2–300, Tremor 0.8–8, Noise 0.4–6, NoneOfTheAbove 3–40. Null draws it from the seed.
    /// </summary>
    public double? SignalToNoise { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (!(SampleRate >= 5.0 && SampleRate <= 1000.0))
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "Synthetic sampling rate must be between 5 and 1000 Hz.");
        }

        if (!(DurationSeconds >= 10.0 && DurationSeconds <= 86_400.0))
        {
            throw new ArgumentOutOfRangeException(nameof(DurationSeconds), DurationSeconds, "Synthetic window length must be between 10 s and one day.");
        }

        if (SignalToNoise is { } snr && !(snr > 0 && double.IsFinite(snr)))
        {
            throw new ArgumentOutOfRangeException(nameof(SignalToNoise), snr, "A forced signal-to-noise ratio must be positive.");
        }

        if (string.IsNullOrEmpty(ChannelPrefix) || ChannelPrefix.Length != 2)
        {
            throw new ArgumentException($"Channel prefix must be two letters (band and instrument code, e.g. \"BH\"); got \"{ChannelPrefix}\".", nameof(ChannelPrefix));
        }
    }
}
