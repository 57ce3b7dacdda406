using System.Globalization;

namespace QuakeDetective.Media.Plotting;

/// <summary>How a campaign draws its subjects. Every property takes part in <see cref="CacheKey"/>.</summary>
public sealed record PlotSettings
{
    public const int MinSizePx = 120;

    public const int MaxSizePx = 8000;

    public const int MaxScale = 3;

    /// <summary>Width in layout (CSS) pixels; 360 (a phone) to a few thousand are all readable. The PNG is <see cref="ImageWidthPx"/> wide.</summary>
    public int WidthPx { get; init; } = 1200;

    /// <summary>Height in layout (CSS) pixels. The PNG is <see cref="ImageHeightPx"/> high.</summary>
    public int HeightPx { get; init; } = 500;

    /// <summary>
    /// Device pixels per image pixel (1–3): a scale-2 picture has twice the width and height in pixels, with the same
    /// layout, text and line sizes doubled, for high-density screens. Its data area has the same proportions.
    /// </summary>
    public int Scale { get; init; } = 1;

    /// <summary>Width of the PNG in pixels: <see cref="WidthPx"/> × <see cref="Scale"/>.</summary>
    public int ImageWidthPx => WidthPx * Scale;

    /// <summary>Height of the PNG in pixels: <see cref="HeightPx"/> × <see cref="Scale"/>.</summary>
    public int ImageHeightPx => HeightPx * Scale;

    /// <summary>Draw the horizontal components as smaller panels below the vertical (waveform plots only).</summary>
    public bool ShowHorizontals { get; init; }

    /// <summary>
    /// Null: each subject is scaled to its own peak (auto). A value: every panel spans ±this amplitude (data units)
    /// so that amplitudes are comparable between subjects; larger excursions run off the panel.
    /// </summary>
    public double? FixedAmplitudeLimit { get; init; }

    /// <summary>Low corner of an optional band-pass applied before plotting (set both corners or neither).</summary>
    public double? BandLowHz { get; init; }

    /// <summary>High corner of an optional band-pass applied before plotting (set both corners or neither).</summary>
    public double? BandHighHz { get; init; }

    /// <summary>Butterworth order of the optional band-pass (zero phase, as for the sound).</summary>
    public int FilterCorners { get; init; } = 4;

    public PlotKind Kind { get; init; } = PlotKind.Waveform;

    /// <summary>Whether a band-pass is applied before plotting.</summary>
    public bool HasBand => BandLowHz is not null && BandHighHz is not null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        Require(WidthPx is >= MinSizePx and <= MaxSizePx, nameof(WidthPx), $"must be between {MinSizePx} and {MaxSizePx} pixels (got {WidthPx}).");
        Require(HeightPx is >= MinSizePx and <= MaxSizePx, nameof(HeightPx), $"must be between {MinSizePx} and {MaxSizePx} pixels (got {HeightPx}).");
        Require(Scale is >= 1 and <= MaxScale, nameof(Scale), $"must be between 1 and {MaxScale} (got {Scale}).");
        Require(WidthPx * Scale <= MaxSizePx && HeightPx * Scale <= MaxSizePx, nameof(Scale), $"times the size must stay within {MaxSizePx} pixels (got {WidthPx}×{HeightPx} at {Scale}×).");
        Require(FixedAmplitudeLimit is null || (double.IsFinite(FixedAmplitudeLimit.Value) && FixedAmplitudeLimit.Value > 0), nameof(FixedAmplitudeLimit), $"must be null (scale each subject to its peak) or a positive amplitude (got {Format(FixedAmplitudeLimit)}).");
        Require((BandLowHz is null) == (BandHighHz is null), nameof(BandHighHz), $"and BandLowHz must be set together or both left empty (got {Format(BandLowHz)} and {Format(BandHighHz)}).");
        if (HasBand)
        {
            Require(double.IsFinite(BandLowHz!.Value) && BandLowHz.Value > 0, nameof(BandLowHz), $"must be a positive frequency in Hz (got {Format(BandLowHz)}).");
            Require(double.IsFinite(BandHighHz!.Value) && BandHighHz.Value > BandLowHz.Value, nameof(BandHighHz), $"must be above BandLowHz {Format(BandLowHz)} Hz (got {Format(BandHighHz)}).");
        }

        Require(FilterCorners is >= 1 and <= 10, nameof(FilterCorners), $"must be between 1 and 10 (got {FilterCorners}).");
        Require(Enum.IsDefined(Kind), nameof(Kind), $"must be Waveform or Spectrogram (got {Kind}).");
    }

    /// <summary>A stable text that changes whenever the rendered picture would; part of media cache keys.</summary>
    public string CacheKey()
    {
        Validate();
        return string.Join(
            '-',
            "plot",
            PlotRenderer.FormatVersion.ToString(CultureInfo.InvariantCulture),
            Kind == PlotKind.Waveform ? "wave" : "spec",
            WidthPx.ToString(CultureInfo.InvariantCulture) + "x" + HeightPx.ToString(CultureInfo.InvariantCulture),
            "@" + Scale.ToString(CultureInfo.InvariantCulture) + "x",
            ShowHorizontals ? "zne" : "z",
            FixedAmplitudeLimit is { } limit ? "fix" + Format(limit) : "auto",
            HasBand ? "bp" + Format(BandLowHz) + "_" + Format(BandHighHz) + "_" + FilterCorners.ToString(CultureInfo.InvariantCulture) : "raw");
    }

    private static void Require(bool condition, string setting, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Plot setting {setting} {message}", setting);
        }
    }

    private static string Format(double? value) =>
        value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "none";
}
