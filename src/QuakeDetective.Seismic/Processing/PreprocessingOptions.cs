using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QuakeDetective.Seismic.Processing;

/// <summary>
/// What <see cref="WaveformPreprocessor"/> does to a trace, in this order: demean → linear detrend → Hann taper →
/// Butterworth filter → resample. <see cref="Version"/> names the whole chain so caches of processed windows and
/// rendered media can key on it.
/// </summary>
public sealed record PreprocessingOptions
{
    /// <summary>Bump when the processing code changes its output for the same options, so that old caches are not reused.</summary>
    public const string AlgorithmVersion = "1";

    /// <summary>Subtract the mean.</summary>
    public bool Demean { get; init; } = true;

    /// <summary>Subtract the least-squares line.</summary>
    public bool Detrend { get; init; } = true;

    /// <summary>ObsPy-style Hann taper fraction per side (ObsPy's max_percentage), 0 to 0.5; 0 turns tapering off.</summary>
    public double TaperFraction { get; init; } = 0.05;

    /// <summary>Low corner in Hz; alone it makes a high-pass. Null with <see cref="BandHighHz"/> null means no filter.</summary>
    public double? BandLowHz { get; init; }

    /// <summary>High corner in Hz; alone it makes a low-pass. At or above the trace's Nyquist it is dropped (ObsPy does the same).</summary>
    public double? BandHighHz { get; init; }

    /// <summary>
    /// True: forward-backward filtering with odd padding (scipy sosfiltfilt), no phase shift, twice the roll-off.
    /// False: one causal pass (ObsPy zerophase=False), onsets are not moved earlier by filter ringing.
    /// </summary>
    public bool ZeroPhase { get; init; } = true;

    /// <summary>Butterworth order (ObsPy's "corners"); a band-pass gets this many second-order sections.</summary>
    public int Corners { get; init; } = 4;

    /// <summary>Resample to this rate (Hz) at the end, with scipy resample_poly's anti-alias FIR; null keeps the rate.</summary>
    public double? TargetSampleRate { get; init; }

    /// <summary>A readable, canonical description of the chain, e.g. "pre1;demean;detrend;taper=0.05;bp=2-8;zerophase;corners=4;rate=40".</summary>
    public string Version
    {
        get
        {
            var parts = new List<string> { "pre" + AlgorithmVersion };
            if (Demean)
            {
                parts.Add("demean");
            }

            if (Detrend)
            {
                parts.Add("detrend");
            }

            if (TaperFraction > 0)
            {
                parts.Add("taper=" + Format(TaperFraction));
            }

            if (BandLowHz is not null || BandHighHz is not null)
            {
                parts.Add((BandLowHz, BandHighHz) switch
                {
                    ({ } low, { } high) => $"bp={Format(low)}-{Format(high)}",
                    ({ } low, null) => $"hp={Format(low)}",
                    (null, { } high) => $"lp={Format(high)}",
                    _ => "",
                });
                parts.Add(ZeroPhase ? "zerophase" : "causal");
                parts.Add("corners=" + Corners.ToString(CultureInfo.InvariantCulture));
            }

            if (TargetSampleRate is { } rate)
            {
                parts.Add("rate=" + Format(rate));
            }

            return string.Join(';', parts);
        }
    }

    /// <summary>First 16 hex digits of the SHA-256 of <see cref="Version"/>: short enough for file and cache names.</summary>
    public string VersionHash =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Version)))[..16];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(TaperFraction >= 0 && TaperFraction <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(TaperFraction), TaperFraction, "Taper fraction per side must be between 0 and 0.5.");
        }

        if (BandLowHz is { } low && !(low > 0 && double.IsFinite(low)))
        {
            throw new ArgumentOutOfRangeException(nameof(BandLowHz), low, "Low corner must be a positive frequency in Hz.");
        }

        if (BandHighHz is { } high && !(high > 0 && double.IsFinite(high)))
        {
            throw new ArgumentOutOfRangeException(nameof(BandHighHz), high, "High corner must be a positive frequency in Hz.");
        }

        if (BandLowHz is { } l && BandHighHz is { } h && !(l < h))
        {
            throw new ArgumentException($"Band low corner ({l} Hz) must be below the high corner ({h} Hz).", nameof(BandLowHz));
        }

        if (Corners is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(Corners), Corners, "Filter order (corners) must be between 1 and 16.");
        }

        if (TargetSampleRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetSampleRate), rate, "Target sampling rate must be positive and finite.");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
