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
}
