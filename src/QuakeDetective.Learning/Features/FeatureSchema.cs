namespace QuakeDetective.Learning.Features;

/// <summary>
/// The names and order of the classifier features. <see cref="Version"/> keys the per-subject cache: change it whenever
/// a feature's definition or order changes, so that old cached vectors are recomputed instead of misread.
/// </summary>
public static class FeatureSchema
{
    public const string Version = "qd-features-1";

    /// <summary>Frequency bands (Hz) of the band-energy features; bands at or above Nyquist are empty.</summary>
    public static IReadOnlyList<(double Low, double High)> Bands { get; } = [(0.5, 1), (1, 2), (2, 4), (4, 8), (8, 16)];

    /// <summary>Features computed for one component (the vertical, and the mean of the horizontals).</summary>
    public static IReadOnlyList<string> ComponentFeatures { get; } =
    [
        .. Bands.Select(b => $"band_rel_{Label(b)}"),
        .. Bands.Select(b => $"band_snr_{Label(b)}"),
        "centroid_hz",
        "bandwidth_hz",
        "peak_hz",
        "sta_lta_max",
        "kurtosis",
        "peak_to_rms",
        "rise_s",
        "decay_s",
        "decay_over_rise",
        "above_noise_s",
        "above_noise_fraction",
        "peak_to_noise",
        "flat_fraction",
        "raw_kurtosis",
    ];

    /// <summary>Features comparing the vertical with the horizontals (zero when there are none).</summary>
    public static IReadOnlyList<string> CrossFeatures { get; } =
    [
        "has_horizontals",
        "h_over_v",
        "h_over_v_at_peak",
        "envelope_correlation",
        "h_peak_lag_s",
    ];

    /// <summary>All names in vector order: Z features, H features, cross features.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. ComponentFeatures.Select(n => "z_" + n),
        .. ComponentFeatures.Select(n => "h_" + n),
        .. CrossFeatures,
    ];

    public static int Count => Names.Count;

    public static int PerComponent => ComponentFeatures.Count;

    private static string Label((double Low, double High) band) =>
        FormattableString.Invariant($"{band.Low:0.#}_{band.High:0.#}hz").Replace('.', 'p');
}
