using System.Globalization;

namespace QuakeDetective.Media.Audio;

/// <summary>
/// How a campaign turns a subject's vertical component into sound. Defaults follow the original Earthquake
/// Detective project: 2–8 Hz band-pass, 400× speed-up (40 Hz data → 16 kHz audio), arctan loudness compression.
/// </summary>
public sealed record AudioSettings
{
    /// <summary>Lowest browser-friendly rate that is played without resampling.</summary>
    public const int MinNativeSampleRate = 8_000;

    /// <summary>Highest rate that is played without resampling.</summary>
    public const int MaxNativeSampleRate = 48_000;

    /// <summary>Low corner of the band-pass, Hz in the data (before speed-up).</summary>
    public double BandLowHz { get; init; } = 2.0;

    /// <summary>High corner of the band-pass, Hz in the data; must be below the data's Nyquist frequency.</summary>
    public double BandHighHz { get; init; } = 8.0;

    /// <summary>Butterworth order (number of corners) of the band-pass; it is run forward and backward (zero phase).</summary>
    public int FilterCorners { get; init; } = 4;

    /// <summary>
    /// Playback speed-up: the sound's sampling rate is the data's rate times this, so f Hz in the data is heard
    /// at f × SpeedUp Hz (200× loses the lows, 1600× the highs).
    /// </summary>
    public double SpeedUp { get; init; } = 400.0;

    /// <summary>Whether loudness is compressed with y = arctan(g·x) so that quiet signals stay audible.</summary>
    public bool CompressionEnabled { get; init; } = true;

    /// <summary>The arctan gain g: 0 &lt; g; larger values lift quiet parts more (10: a tenth of full scale plays at about half volume).</summary>
    public double CompressionGain { get; init; } = 10.0;

    /// <summary>
    /// Null (default): every subject is normalised to its own peak, so every subject plays at full volume.
    /// A value (data units, e.g. counts): that amplitude is full scale for every subject of the campaign, so a
    /// quiet window sounds quieter than a loud one; louder samples are squashed by the compression (or clipped
    /// when compression is off).
    /// </summary>
    public double? FixedAmplitude { get; init; }

    /// <summary>Length of the fade-in and fade-out of the sound, milliseconds of audio.</summary>
    public double FadeMs { get; init; } = 20.0;

    /// <summary>Fraction of the window tapered (Hann) at each end before filtering, so that the filter does not ring on the edges.</summary>
    public double TaperFraction { get; init; } = 0.05;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        Require(double.IsFinite(SpeedUp) && SpeedUp > 0, nameof(SpeedUp), $"must be a positive number (got {Format(SpeedUp)}); 400 plays 40 Hz data at 16 kHz.");
        Require(double.IsFinite(BandLowHz) && BandLowHz > 0, nameof(BandLowHz), $"must be a positive frequency in Hz (got {Format(BandLowHz)}).");
        Require(double.IsFinite(BandHighHz) && BandHighHz > BandLowHz, nameof(BandHighHz), $"must be above BandLowHz {Format(BandLowHz)} Hz (got {Format(BandHighHz)}).");
        Require(FilterCorners is >= 1 and <= 10, nameof(FilterCorners), $"must be between 1 and 10 (got {FilterCorners}).");
        Require(double.IsFinite(CompressionGain) && CompressionGain > 0, nameof(CompressionGain), $"must be a positive number (got {Format(CompressionGain)}).");
        Require(FixedAmplitude is null || (double.IsFinite(FixedAmplitude.Value) && FixedAmplitude.Value > 0), nameof(FixedAmplitude), $"must be null (normalise each subject) or a positive amplitude (got {Format(FixedAmplitude ?? 0)}).");
        Require(double.IsFinite(FadeMs) && FadeMs >= 0 && FadeMs <= 10_000, nameof(FadeMs), $"must be between 0 and 10000 ms (got {Format(FadeMs)}).");
        Require(double.IsFinite(TaperFraction) && TaperFraction >= 0 && TaperFraction <= 0.5, nameof(TaperFraction), $"must be between 0 and 0.5 (got {Format(TaperFraction)}).");
    }

    /// <summary>A stable text that changes whenever the rendered sound would; part of media cache keys.</summary>
    public string CacheKey()
    {
        Validate();
        return string.Join(
            '-',
            "audio",
            AudioRenderer.FormatVersion.ToString(CultureInfo.InvariantCulture),
            "bp" + Format(BandLowHz) + "_" + Format(BandHighHz) + "_" + FilterCorners.ToString(CultureInfo.InvariantCulture),
            "x" + Format(SpeedUp),
            CompressionEnabled ? "atan" + Format(CompressionGain) : "lin",
            FixedAmplitude is { } fixedAmplitude ? "fix" + Format(fixedAmplitude) : "auto",
            "fade" + Format(FadeMs),
            "taper" + Format(TaperFraction));
    }

    private static void Require(bool condition, string setting, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Audio setting {setting} {message}", setting);
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
