namespace QuakeDetective.Seismic.Synthetic;

/// <summary>A generated 3-component window (Z, N, E in that order) with its true class.</summary>
/// <remarks>
/// <see cref="SignalToNoise"/>: for Earthquake, Tremor and Noise, the RMS of the class's own signal (event, tremor,
/// cultural or machine noise) in its strongest 5 s on the vertical, over the RMS of the background, both band-passed
/// 2–8 Hz as volunteers hear them (0 for a Noise window of background alone); for NoneOfTheAbove, the peak of the
/// largest artefact over the broadband background RMS on the component it is on.
/// </remarks>
public sealed record SyntheticWindow(SyntheticClass TrueClass, IReadOnlyList<Trace> Traces, string Description, double SignalToNoise)
{
    /// <summary>Seconds from the first sample to where the class's signal starts (P arrival, tremor start, first artefact); null for Noise.</summary>
    public double? OnsetSeconds { get; init; }

    /// <summary>Local magnitude of a generated earthquake (from its amplitude and distance), else null.</summary>
    public double? Magnitude { get; init; }

    /// <summary>Hypocentral distance of a generated earthquake in km, else null.</summary>
    public double? DistanceKm { get; init; }

    /// <summary>Everything put into the window beyond white noise, in time order.</summary>
    public IReadOnlyList<SyntheticFeature> Features { get; init; } = [];
}
